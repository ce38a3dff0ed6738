import { describe, expect, it } from 'vitest';
import { detectIntent, findPromoCode } from './intent-rules.js';

describe('detectIntent', () => {
  it.each([
    ['Show me the menu', { kind: 'menu', filters: {} }],
    ['What vegan options do you have?', { kind: 'menu', filters: { vegan: true } }],
    ['How much is the margherita?', { kind: 'menu', filters: { text: 'margherita' } }],
    ['Do you have gluten-free pizza?', { kind: 'menu', filters: { glutenFree: true, text: 'pizza' } }],
    ['What are your opening hours?', { kind: 'knowledge', query: 'What are your opening hours?' }],
    ['Which allergens are in the tiramisu?', { kind: 'knowledge', query: 'Which allergens are in the tiramisu?' }],
    ['Can I get a refund?', { kind: 'knowledge', query: 'Can I get a refund?' }],
    ['Apply promo code SUMMER24', { kind: 'apply-promo', promoCode: 'SUMMER24' }],
    ["I'd like two margherita with code WELCOME10", { kind: 'order-items', promoCode: 'WELCOME10' }],
    ['Add a cola', { kind: 'order-items', promoCode: undefined }],
    ["I'd like to know your opening hours", { kind: 'knowledge', query: "I'd like to know your opening hours" }],
    ["I'd like to see the menu", { kind: 'menu', filters: {} }],
    ['I want a refund', { kind: 'knowledge', query: 'I want a refund' }],
    ['Yes, order it', { kind: 'confirm-order' }],
    ['Please place the order', { kind: 'confirm-order' }],
    ["Don't place the order yet", { kind: 'small-talk' }],
    ['Summarize our conversation', { kind: 'summarize' }],
    ['hello', { kind: 'small-talk' }],
  ])('%s', (message, expected) => {
    expect(detectIntent(message)).toEqual(expected);
  });
});

describe('findPromoCode', () => {
  it('takes the token after code words, not filler words', () => {
    expect(findPromoCode('use coupon: save5')).toBe('save5');
    expect(findPromoCode('apply code please')).toBeUndefined();
    expect(findPromoCode('apply this to my order')).toBeUndefined();
    expect(findPromoCode('apply FREESHIP')).toBe('FREESHIP');
  });
});
