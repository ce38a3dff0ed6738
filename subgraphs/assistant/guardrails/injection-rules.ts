// The phrasings prompt-injection scoring looks for, each with the weight it adds to the score (see prompt-injection.ts).

export type InjectionSource = 'user' | 'retrieved';

/** One phrasing: its pattern, what it adds to the score, and the source it applies to (both when unset). */
export interface Rule {
  id: string;
  weight: number;
  detail: string;
  pattern: RegExp;
  only?: InjectionSource;
}

const reveal = String.raw`(?:reveal|show|print|repeat|output|display|dump|leak|tell\s+me|give\s+me|what\s+(?:is|are|was|were))`;

/** Matched against lower-cased, NFKC-normalised text with invisible characters removed and whitespace collapsed. */
export const rules: Rule[] = [
  {
    id: 'override-instructions',
    weight: 0.7,
    detail: 'asks to ignore or replace earlier instructions',
    pattern:
      /\b(?:ignore|disregard|forget|override|bypass|drop|abandon)\b(?:\s+\S+){0,3}?\s+(?:previous|prior|above|earlier|preceding|all|any|your|the|system|initial|original|these|those|other)\s+(?:instructions?|prompts?|rules|guidelines|directions|directives|guardrails|constraints|programming|restrictions)\b/,
  },
  {
    id: 'new-instructions',
    weight: 0.45,
    detail: 'announces new instructions or a standing order for the model',
    pattern:
      /\b(?:new|updated|real|actual|revised|true)\s+(?:system\s+)?instructions?\s*:|\bfrom\s+now\s+on,?\s+(?:you|the\s+assistant)\s+(?:will|must|shall|should|are|have\s+to)\b/,
  },
  {
    id: 'role-reassignment',
    weight: 0.35,
    detail: 'tells the model it is now someone else',
    pattern: /\byou\s+are\s+(?:now|no\s+longer)\b|\byour\s+new\s+(?:role|persona|identity)\b/,
  },
  {
    id: 'privileged-persona',
    weight: 0.6,
    detail: 'asks the model to act as a developer, administrator or unrestricted model',
    pattern:
      /\b(?:act|behave|pretend|role-?play|respond|answer|speak)\b(?:\s+\S+){0,3}?\s+(?:as|like|to\s+be)\s+(?:an?\s+|the\s+|my\s+)?(?:developer|dev|admin(?:istrator)?|system|root|superuser|operator|owner|unrestricted|unfiltered|jailbroken|dan)\b|\b(?:developer|admin|god|debug|jailbreak|dan)\s+mode\b|\bdo\s+anything\s+now\b/,
  },
  {
    id: 'prompt-extraction',
    weight: 0.6,
    detail: 'asks for the system prompt or hidden instructions',
    pattern: new RegExp(
      String.raw`\b${reveal}\s+(?:me\s+)?(?:your|the)\s+(?:full\s+|exact\s+|entire\s+)?(?:system|initial|original|hidden|secret|internal|developer|pre-?)\s*(?:prompt|instructions?|message|rules|configuration)\b|\b(?:repeat|print|output)\s+(?:everything|all|the\s+(?:text|words))\s+(?:above|before|prior)\b|\bwhat\s+were\s+you\s+(?:told|instructed)\b`,
    ),
  },
  {
    id: 'instruction-probe',
    weight: 0.35,
    detail: 'asks what the model was instructed',
    pattern: new RegExp(
      String.raw`\b${reveal}\s+(?:me\s+)?your\s+(?:instructions|prompt|rules|guidelines)\b(?!\s+(?:for|about|on|regarding)\b)`,
    ),
  },
  {
    id: 'tool-coercion',
    weight: 0.5,
    detail: 'tells the model to call a tool or function by name',
    pattern:
      /\b(?:call|invoke|execute|run|trigger|use|fire)\s+(?:the\s+)?(?:(?:tool|function)\s+)?[`'"]?[a-z][a-z0-9]*(?:_[a-z0-9]+)+[`'"]?|\b(?:call|invoke|execute)\s+(?:the\s+)?(?:tool|function)\b/,
  },
  {
    id: 'tool-call-markup',
    weight: 0.5,
    detail: 'contains what looks like a tool call or function-call JSON',
    pattern:
      /<\/?\s*(?:tool_call|function_call|tool_use|invoke)\b|"(?:tool_calls?|function_call|arguments)"\s*:|\{\s*"name"\s*:\s*"[a-z]+_[a-z_]+"/,
  },
  {
    id: 'skip-confirmation',
    weight: 0.3,
    detail: 'asks the model to act without the user confirming',
    pattern: /\bwithout\s+(?:asking|confirming|confirmation|checking|telling)\b(?:\s+(?:the\s+)?(?:user|customer|them|anyone))?/,
  },
  {
    id: 'fake-role-markup',
    weight: 0.6,
    detail: 'contains chat-template or role markers',
    pattern:
      /<\|\s*(?:im_start|im_end|system|assistant|user|endoftext|eot_id|start_header_id)\s*\|>|\[\/?inst\]|<<\/?sys>>|<\/?\s*(?:system|developer)(?:[\s_-]?(?:prompt|message|instructions?))?\s*>|(?:^|\n)\s*#{1,4}\s*(?:system|developer)\b|(?:^|\n)\s*(?:system|developer)\s*(?:prompt|message)?\s*:|\b(?:begin|end)\s+(?:system|developer)\s+(?:prompt|message|instructions)\b/,
  },
  {
    id: 'hidden-markup',
    weight: 0.4,
    detail: 'contains markup that hides text from a human reader',
    pattern: /<!--[\s\S]*?-->|display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px|pt|em)?\b|opacity\s*:\s*0(?:\.0+)?\b/,
  },
  {
    id: 'exfiltration',
    weight: 0.5,
    detail: 'asks to send conversation or user data to a link, or embeds a tracking image',
    pattern:
      /!\[[^\]]*\]\(\s*https?:\/\/[^)\s]*[?&][^)\s]*=|\b(?:send|post|forward|upload|leak|email)\b(?:\s+\S+){0,6}?\s+(?:to|at)\s+(?:https?:\/\/|www\.)/,
  },
  {
    id: 'addressed-to-model',
    weight: 0.45,
    detail: 'retrieved text addresses the AI directly',
    only: 'retrieved',
    pattern:
      /\b(?:note|message|attention|instructions?)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?(?:ai|llm|assistants?|chatbots?|language\s+models?|bots?|agents?)\b|\bif\s+you\s+are\s+(?:an?\s+)?(?:ai|llm|assistant|chatbot|language\s+model|bot|agent)\b|\b(?:ai|llm|assistant|chatbot|agent)s?\s*(?:reading\s+this\s*)?[,:]\s*(?:you\s+)?(?:must|should|shall|always|never|please)\b/,
  },
  {
    id: 'imperative-to-model',
    weight: 0.25,
    detail: 'retrieved text gives the reader orders about what to say',
    only: 'retrieved',
    pattern:
      /\byou\s+(?:must|should|shall|have\s+to)\s+(?:always\s+|now\s+)?(?:tell|say|respond|reply|answer|inform|recommend|claim|state)\b|\b(?:tell|inform)\s+(?:the\s+)?(?:user|customer)s?\s+that\b/,
  },
];
