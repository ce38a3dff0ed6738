import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PROMOTION_KINDS, type PromotionKind } from './promotion.entity.js';
import type { PromotionInput } from './promotion-service.js';

export const PromotionKindEnum = Object.fromEntries(PROMOTION_KINDS.map((kind) => [kind, kind])) as { [K in PromotionKind]: K };
registerEnumType(PromotionKindEnum, {
  name: 'PromotionKind',
  description: 'PERCENT: value in basis points (1000 = 10%); FIXED: value in cents.',
});

@ObjectType('Promotion', { description: "A tenant's promotion code, as staff and admins manage it." })
export class PromotionType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Upper-case; matched case-insensitively.' }) code!: string;
  @Field(() => PromotionKindEnum) kind!: PromotionKind;
  @Field(() => Int, { description: 'PERCENT: basis points (1000 = 10%); FIXED: cents.' }) value!: number;
  @Field(() => Int, { description: 'The subtotal an order needs before the promotion applies, in cents.' }) minSubtotalCents!: number;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Inclusive.' }) validFrom?: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Exclusive.' }) validUntil?: Date | null;
  @Field(() => Int, { nullable: true, description: 'Total uses allowed; null for unlimited.' }) maxRedemptions?: number | null;
  @Field(() => Int, { nullable: true, description: 'Uses allowed per customer; null for unlimited.' }) maxRedemptionsPerCustomer?:
    number | null;
  @Field(() => Int, { description: 'Uses so far; a cancelled order gives its use back.' }) redemptions!: number;
  @Field(() => Boolean) active!: boolean;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

@ObjectType('AppliedPromotion', { description: 'The promotion a quote applied.' })
export class AppliedPromotionType {
  @Field(() => String) code!: string;
  @Field(() => PromotionKindEnum) kind!: PromotionKind;
  @Field(() => Int, { description: 'PERCENT: basis points (1000 = 10%); FIXED: cents.' }) value!: number;
}

@InputType('CreatePromotionInput')
export class CreatePromotionInput implements PromotionInput {
  @Field(() => String, { description: '3-32 letters, digits, "_" or "-"; stored upper-case, unique per tenant regardless of case.' })
  code!: string;
  @Field(() => PromotionKindEnum) kind!: PromotionKind;
  @Field(() => Int, { description: 'PERCENT: 1-10000 basis points; FIXED: cents, at least 1.' }) value!: number;
  @Field(() => Int, { nullable: true, description: 'Default 0.' }) minSubtotalCents?: number | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) validFrom?: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) validUntil?: Date | null;
  @Field(() => Int, { nullable: true }) maxRedemptions?: number | null;
  @Field(() => Int, { nullable: true }) maxRedemptionsPerCustomer?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Default true.' }) active?: boolean | null;
}
