export default function Home() { return <main>Orgdeck</main>; }
