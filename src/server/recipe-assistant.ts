import {
  demoCatalogue,
  handleRecipeMessage,
  type Recipe,
  RecipeIndex,
  recognizePhoto,
} from '../assistant/index.ts';
import type { AssistantHandler, ChannelAdapter, ShareLinker } from '../messaging/index.ts';
import type { HubStore, JsonValue } from '../store/index.ts';

export interface RecipeAssistantDeps {
  hub: HubStore;
  shareLink: ShareLinker;
  /** The brand's site: recipe cards link to `https://<domain>/food/recipes/<id>`. */
  siteDomain: string;
  brand: string;
  /** The adapter of a channel, to download a photo a person sent. */
  adapterFor: (channel: string) => ChannelAdapter | undefined;
  catalogue?: readonly Recipe[];
}

/**
 * The recipe assistant as the hub's assistant: it keeps each conversation's state in the hub
 * store between turns, and every recipe link it sends is a tracked share link of that
 * conversation, so a forward to a friend shows up as a dark-social cascade.
 */
export function createRecipeAssistant(deps: RecipeAssistantDeps): AssistantHandler {
  const catalogue = new RecipeIndex(deps.catalogue ?? demoCatalogue);
  return async ({ brandId, conversation, message }) => {
    const stored = await deps.hub.getAssistantState(brandId, conversation.key);
    const turn = await handleRecipeMessage(message.parts, stored, {
      catalogue,
      brand: deps.brand,
      shareLink: (url) =>
        deps.shareLink(url, {
          conversation: conversation.key,
          channel: conversation.channel,
          campaign: 'recipe-assistant',
        }),
      recipeUrl: (recipe) => `https://${deps.siteDomain}/food/recipes/${recipe.id}`,
      recognizePhoto: async (part, language) => {
        const adapter = deps.adapterFor(conversation.channel);
        if (!adapter?.fetchMedia) return [];
        const media = await adapter.fetchMedia(part.ref);
        return (await recognizePhoto(media.bytes, { language })).ingredients;
      },
    });
    // The state is plain JSON by construction (conversation-state.ts).
    await deps.hub.setAssistantState(
      brandId,
      conversation.key,
      turn.state as unknown as JsonValue,
      Date.now(),
    );
    return turn.replies;
  };
}
