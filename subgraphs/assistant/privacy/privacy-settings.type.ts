import { Field, GraphQLISODateTime, ObjectType } from 'type-graphql';

@ObjectType('PrivacySettings', { description: "The tenant's privacy settings for the assistant's PII redaction." })
export class PrivacySettingsType {
  @Field(() => [String], {
    description:
      'ISO 3166 region codes, in order of preference, whose national-form phone numbers (no country code) are redacted. ' +
      'Numbers written with a country code are redacted whatever the list holds.',
  })
  phoneRegions!: string[];

  @Field(() => Boolean, { description: "False while the tenant uses the deployment's default (PII_PHONE_REGIONS)." })
  custom!: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true }) updatedAt!: Date | null;
}
