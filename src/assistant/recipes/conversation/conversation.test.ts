import { describe, expect, it } from 'vitest';
import type { InboundPart, OutboundPart } from '../../../messaging/types.ts';
import { demoCatalogue } from '../catalogue/demo-catalogue.ts';
import { RecipeIndex } from '../ranking/recipe-index.ts';
import { handleRecipeMessage, type RecipeAssistantOptions } from './conversation.ts';
import type { RecipeConversationState } from './conversation-state.ts';

const shared: string[] = [];
const options: RecipeAssistantOptions = {
  catalogue: new RecipeIndex(demoCatalogue),
  brand: 'Acme',
  shareLink: async (url) => {
    shared.push(url);
    return `https://s.example/${shared.length}`;
  },
  recognizePhoto: async () => ['banana', 'egg'],
};

/** Plays a conversation, carrying the state through JSON as a store would. */
async function play(messages: (string | InboundPart)[]) {
  let state: RecipeConversationState | undefined;
  const turns: OutboundPart[][] = [];
  for (const message of messages) {
    const part: InboundPart =
      typeof message === 'string' ? { type: 'text', text: message } : message;
    const turn = await handleRecipeMessage([part], state, options);
    state = JSON.parse(JSON.stringify(turn.state)) as RecipeConversationState;
    turns.push(turn.replies);
  }
  return { turns, state: state as RecipeConversationState };
}
const texts = (parts: OutboundPart[] = []) =>
  parts.flatMap((p) => (p.type === 'text' ? [p.text] : []));
const choiceIds = (parts: OutboundPart[] = []) =>
  parts.flatMap((p) => (p.type === 'choices' ? p.options.map((o) => o.id) : []));

describe('recipe conversation', () => {
  it('greets with the opt-in wording, captures ingredients, suggests and shows a card with a tracked link', async () => {
    const { turns, state } = await play(['tengo 3 huevos, patatas y una cebolla', '1']);
    expect(texts(turns[0])[0]).toMatch(/asistente de recetas de Acme.*STOP/);
    expect(texts(turns[0])[1]).toBe('Entendido: huevo, patata, cebolla.');
    expect(choiceIds(turns[0])[0]).toBe('recipe:tortilla-de-patatas');
    expect(state.language).toBe('es');
    const card = texts(turns[1]).join('\n');
    expect(card).toContain('*Tortilla de patatas — para 4*');
    expect(card).toMatch(/Receta completa para compartir: https:\/\/s\.example\/\d+$/);
    expect(shared.at(-1)).toBe('https://recipes.invalid/tortilla-de-patatas');
  });

  it('follows up in French: another one, vegetarian, under 20 minutes, without eggs', async () => {
    const { turns, state } = await play([
      "j'ai des oeufs, du fromage, des tomates et des pâtes",
      'une autre',
      'végétarien',
      'en moins de 20 minutes',
      'sans oeufs',
    ]);
    const first = choiceIds(turns[0]);
    const another = choiceIds(turns[1]).filter((id) => id !== 'more');
    expect(another.length).toBeGreaterThan(0);
    expect(another.some((id) => first.includes(id))).toBe(false);
    const vegetarian = choiceIds(turns[2])
      .filter((id) => id !== 'more')
      .map((id) => id.slice(7));
    for (const id of vegetarian)
      expect(demoCatalogue.find((r) => r.id === id)?.diets).toContain('vegetarian');
    const quick = choiceIds(turns[3])
      .filter((id) => id !== 'more')
      .map((id) => id.slice(7));
    for (const id of quick)
      expect(demoCatalogue.find((r) => r.id === id)?.totalMinutes ?? 99).toBeLessThanOrEqual(20);
    expect(state).toMatchObject({ diets: ['vegetarian'], maxMinutes: 20, without: ['egg'] });
    expect(state.have).not.toContain('egg');
    const noEggs = choiceIds(turns[4])
      .filter((id) => id !== 'more')
      .map((id) => id.slice(7));
    for (const id of noEggs)
      expect(demoCatalogue.find((r) => r.id === id)?.ingredients).not.toContain('egg');
    expect(texts(turns[4]).join(' ')).toContain('Sans : œuf.');
    expect(texts(turns[4]).join(' ')).toContain('Filtres : végétarien, ≤ 20 min.');
  });

  it('lifts an earlier "without" when the person says they have it after all', async () => {
    const { state } = await play(['rice and chicken, no eggs', 'actually I have eggs']);
    expect(state.without).toEqual([]);
    expect(state.have).toEqual(['rice', 'chicken', 'egg']);
  });

  it('answers a choice button and keeps English for an English contact', async () => {
    const { turns } = await play([
      'eggs, bacon, spaghetti and parmesan',
      { type: 'choice', choiceId: 'recipe:spaghetti-carbonara' },
    ]);
    expect(choiceIds(turns[0])[0]).toBe('recipe:spaghetti-carbonara');
    expect(texts(turns[1]).join('\n')).toContain('Full recipe and sharing: https://s.example/');
  });

  it('confirms photo results before using them', async () => {
    const photo: InboundPart = { type: 'media', mediaKind: 'image', ref: { id: 'm1' } };
    const { turns, state } = await play(['hello', photo, 'yes']);
    expect(turns[1]).toContainEqual({
      type: 'choices',
      prompt: 'I see: banana, egg — right?',
      options: [
        { id: 'photo:yes', title: 'Yes' },
        { id: 'photo:no', title: 'No' },
      ],
    });
    expect(choiceIds(turns[2])[0]).toBe('recipe:banana-pancakes');
    expect(state.have).toEqual(['banana', 'egg']);
    const refused = await play([photo, 'no']);
    expect(refused.state.have).toEqual([]);
    expect(texts(refused.turns[1])).toContain('OK, I left those out. Type what you have instead.');
  });

  it("suggests recipes in the contact's language when the catalogue has some", async () => {
    const { turns } = await play(["j'ai du poulet, du riz et des poivrons"]);
    const ids = choiceIds(turns[0])
      .filter((id) => id !== 'more')
      .map((id) => id.slice(7));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(demoCatalogue.find((r) => r.id === id)?.language).toBe('fr');
    const any = await handleRecipeMessage(
      [{ type: 'text', text: "j'ai du poulet, du riz et des poivrons" }],
      undefined,
      { ...options, allLanguages: true },
    );
    expect(choiceIds(any.replies)[0]).toBe('recipe:arroz-con-pollo');
  });

  it('starts afresh from a stored state it cannot read instead of failing', async () => {
    const turn = await handleRecipeMessage(
      [{ type: 'text', text: 'eggs' }],
      { version: 99, have: 'x' },
      options,
    );
    expect(turn.state).toMatchObject({ version: 1, greeted: true, have: ['egg'] });
  });

  it('says it did not understand, with examples, in the contact language', async () => {
    const { turns } = await play(['bonjour', 'blablabla zorglub']);
    expect(texts(turns[1])[0]).toMatch(
      /^Désolé, je n'ai pas compris\. Essayez : « œufs, fromage, tomates »/,
    );
  });
});
