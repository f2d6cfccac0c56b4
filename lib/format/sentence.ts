/** `text` closing a sentence: a full stop after it, unless it already ends with one ("Acme Inc." never reads "Acme Inc.."). */
export const endSentence = (text: string) => (/[.!?…]$/.test(text) ? text : `${text}.`);
