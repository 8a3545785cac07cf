// wink-porter2-stemmer ships no types: its one export stems one word.
declare module 'wink-porter2-stemmer' {
  function stem(word: string): string;
  export = stem;
}
