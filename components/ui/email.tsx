/** An email address that wraps only after its "@" or a dot, never inside a word (not at its hyphens either). */
export function Email({ address }: { address: string }) {
  const parts = address.split(/(?<=[@.])/);
  return (
    <span>
      {parts.map((part, i) => (
        <span key={i}>
          {i > 0 && <wbr />}
          <span className="whitespace-nowrap">{part}</span>
        </span>
      ))}
    </span>
  );
}
