/**
 * The words of a search as the comment list highlights them: quoted phrases split into words,
 * `-word` and `or` left out, each compared by its first five letters (the server matches stems).
 */
export function searchTerms(search: string): string[] {
  return search
    .replace(/"/g, ' ')
    .split(/\s+/)
    .filter((word) => word && !word.startsWith('-') && word.toLowerCase() !== 'or')
    .map((word) =>
      word
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]/gu, '')
        .slice(0, 5),
    )
    .filter((word) => word.length > 0);
}

/** A comment with the words that start like a search term in <mark>. */
export function Highlighted({ text, terms }: { text: string; terms: string[] }) {
  if (terms.length === 0) return <>{text}</>;
  const parts = text.split(/([\p{L}\p{N}]+)/u);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 && terms.some((term) => part.toLowerCase().startsWith(term)) ? (
          <mark key={index}>{part}</mark>
        ) : (
          part
        ),
      )}
    </>
  );
}
