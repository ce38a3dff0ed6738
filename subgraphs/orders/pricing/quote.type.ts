import { Field, Int, ObjectType } from 'type-graphql';
import { OrderLineType } from '../ordering/order.type.js';
import { AppliedPromotionType } from '../promotions/promotion.type.js';

@ObjectType('Quote', { description: 'A cart priced exactly as createOrder would price it now; nothing is stored or reserved.' })
export class QuoteType {
  @Field(() => [OrderLineType]) lines!: OrderLineType[];
  @Field(() => Int) subtotalCents!: number;
  @Field(() => Int, { description: 'Never more than the subtotal.' }) discountCents!: number;
  @Field(() => Int, { description: 'On (subtotal - discount), rounded half-up once per order.' }) taxCents!: number;
  @Field(() => Int, { description: 'subtotal - discount + tax.' }) totalCents!: number;
  @Field(() => String) currency!: string;
  @Field(() => Int, { description: "The tenant's tax rate in basis points (1000 = 10%); prices are tax-exclusive." })
  taxRateBasisPoints!: number;
  @Field(() => AppliedPromotionType, { nullable: true }) promotion!: AppliedPromotionType | null;
}
