import type { Language } from '../lexicon/lexicon.ts';
import type { Diet } from '../ranking/rank-recipes.ts';

/** Every sentence the assistant says, per language; `{x}` placeholders are filled in. */
export interface Messages {
  greeting: string;
  didNotUnderstand: string;
  askIngredients: string;
  understood: string;
  without: string;
  filters: string;
  suggestionsPrompt: string;
  noMatch: string;
  noMore: string;
  moreOption: string;
  have: string;
  missing: string;
  swap: string;
  minutes: string;
  servings: string;
  ingredients: string;
  steps: string;
  link: string;
  photoSee: string;
  photoYes: string;
  photoNo: string;
  photoNothing: string;
  photoRejected: string;
  restarted: string;
  nothing: string;
  diets: Record<Diet, string>;
}

export const MESSAGES: Record<Language, Messages> = {
  en: {
    greeting:
      "Hi! I'm the {brand} recipe assistant. Tell me what's in your fridge and I'll suggest recipes you can cook now. I only reply when you write to me; send STOP at any time and I'll stop.",
    didNotUnderstand:
      'Sorry, I didn\'t understand. Try: "eggs, cheese, tomatoes", "no milk", "vegetarian", "under 20 minutes" or "another one". You can also send a photo of a barcode or a printed shopping list.',
    askIngredients: 'What do you have? For example: "chicken, rice and peppers".',
    understood: 'Got it: {items}.',
    without: 'Without: {items}.',
    filters: 'Filters: {items}.',
    suggestionsPrompt: 'Here are ideas; pick one for the recipe:',
    noMatch:
      'No recipe fits all of that. Try removing a filter ("start over") or adding ingredients.',
    noMore: "That's all I have for now; tell me more ingredients or fewer filters.",
    moreOption: 'Another idea',
    have: 'you have {items}',
    missing: 'missing {items}',
    swap: 'use {use} for {need}',
    minutes: '{n} min',
    servings: 'serves {n}',
    ingredients: 'Ingredients',
    steps: 'Steps',
    link: 'Full recipe and sharing: {url}',
    photoSee: 'I see: {items} — right?',
    photoYes: 'Yes',
    photoNo: 'No',
    photoNothing: "I couldn't find ingredients in that photo. Could you type them instead?",
    photoRejected: 'OK, I left those out. Type what you have instead.',
    restarted: "Let's start again: what's in your fridge?",
    nothing: 'nothing',
    diets: {
      vegetarian: 'vegetarian',
      vegan: 'vegan',
      'gluten-free': 'gluten-free',
      'dairy-free': 'dairy-free',
      'egg-free': 'egg-free',
    },
  },
  fr: {
    greeting:
      "Bonjour ! Je suis l'assistant recettes de {brand}. Dites-moi ce qu'il y a dans votre frigo et je vous propose des recettes à faire tout de suite. Je ne réponds que quand vous m'écrivez ; envoyez STOP à tout moment pour arrêter.",
    didNotUnderstand:
      "Désolé, je n'ai pas compris. Essayez : « œufs, fromage, tomates », « pas de lait », « végétarien », « moins de 20 minutes » ou « une autre ». Vous pouvez aussi envoyer la photo d'un code-barres ou d'une liste de courses imprimée.",
    askIngredients: "Qu'avez-vous ? Par exemple : « poulet, riz et poivrons ».",
    understood: 'Compris : {items}.',
    without: 'Sans : {items}.',
    filters: 'Filtres : {items}.',
    suggestionsPrompt: 'Voici des idées ; choisissez-en une pour la recette :',
    noMatch:
      'Aucune recette ne correspond. Retirez un filtre (« recommencer ») ou ajoutez des ingrédients.',
    noMore: "C'est tout pour l'instant ; donnez-moi d'autres ingrédients ou moins de filtres.",
    moreOption: 'Une autre idée',
    have: 'vous avez {items}',
    missing: 'il manque {items}',
    swap: '{use} à la place de {need}',
    minutes: '{n} min',
    servings: 'pour {n}',
    ingredients: 'Ingrédients',
    steps: 'Étapes',
    link: 'La recette complète, à partager : {url}',
    photoSee: "Je vois : {items} — c'est bien ça ?",
    photoYes: 'Oui',
    photoNo: 'Non',
    photoNothing: "Je n'ai pas trouvé d'ingrédients sur cette photo. Pouvez-vous les écrire ?",
    photoRejected: "D'accord, je les laisse de côté. Écrivez-moi ce que vous avez.",
    restarted: "On recommence : qu'y a-t-il dans votre frigo ?",
    nothing: 'rien',
    diets: {
      vegetarian: 'végétarien',
      vegan: 'vegan',
      'gluten-free': 'sans gluten',
      'dairy-free': 'sans lactose',
      'egg-free': 'sans œufs',
    },
  },
  es: {
    greeting:
      '¡Hola! Soy el asistente de recetas de {brand}. Dime qué hay en tu nevera y te sugiero recetas para cocinar ya. Solo respondo cuando me escribes; envía STOP cuando quieras y pararé.',
    didNotUnderstand:
      'Perdona, no te he entendido. Prueba: «huevos, queso, tomates», «sin leche», «vegetariano», «menos de 20 minutos» u «otra». También puedes enviar la foto de un código de barras o de una lista de la compra impresa.',
    askIngredients: '¿Qué tienes? Por ejemplo: «pollo, arroz y pimientos».',
    understood: 'Entendido: {items}.',
    without: 'Sin: {items}.',
    filters: 'Filtros: {items}.',
    suggestionsPrompt: 'Aquí tienes ideas; elige una para ver la receta:',
    noMatch: 'Ninguna receta encaja. Quita un filtro («empezar de nuevo») o añade ingredientes.',
    noMore: 'No tengo más por ahora; dime más ingredientes o menos filtros.',
    moreOption: 'Otra idea',
    have: 'tienes {items}',
    missing: 'falta {items}',
    swap: '{use} en vez de {need}',
    minutes: '{n} min',
    servings: 'para {n}',
    ingredients: 'Ingredientes',
    steps: 'Pasos',
    link: 'Receta completa para compartir: {url}',
    photoSee: 'Veo: {items}, ¿correcto?',
    photoYes: 'Sí',
    photoNo: 'No',
    photoNothing: 'No he encontrado ingredientes en esa foto. ¿Puedes escribirlos?',
    photoRejected: 'Vale, los dejo fuera. Escríbeme lo que tienes.',
    restarted: 'Empezamos de nuevo: ¿qué hay en tu nevera?',
    nothing: 'nada',
    diets: {
      vegetarian: 'vegetariano',
      vegan: 'vegano',
      'gluten-free': 'sin gluten',
      'dairy-free': 'sin lactosa',
      'egg-free': 'sin huevo',
    },
  },
};

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => String(values[key] ?? whole));
}
