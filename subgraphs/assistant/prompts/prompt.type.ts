import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType('PromptVariant', { description: 'One A/B alternative of a prompt; a prompt without variants has one, "default".' })
export class PromptVariantType {
  @Field(() => String) id!: string;
  @Field(() => Float, { description: "Relative share of traffic among the prompt's variants." }) weight!: number;
  @Field(() => String, { description: 'Text with {{variable}} placeholders.' }) template!: string;
}

@ObjectType('Prompt', { description: 'A versioned prompt template, loaded from the prompts folder.' })
export class PromptType {
  @Field(() => String) name!: string;
  @Field(() => Int) version!: number;
  @Field(() => String) description!: string;
  @Field(() => [String], { description: 'Names the templates may use as {{name}}.' }) variables!: readonly string[];
  @Field(() => Float, { nullable: true }) temperature!: number | null;
  @Field(() => Int, { nullable: true }) maxTokens!: number | null;
  @Field(() => [PromptVariantType]) variants!: readonly PromptVariantType[];
}
