/** An email address that wraps only after its "@" or a dot, never inside a word. */
export function Email({ address }: { address: string }) {
  const parts = address.split(/(?<=[@.])/);
  return (
    <span className="[overflow-wrap:normal] [word-break:normal]">
      {parts.map((part, i) => (
        <span key={i}>
          {i > 0 && <wbr />}
          {part}
        </span>
      ))}
    </span>
  );
}
