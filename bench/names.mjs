/**
 * Real first names and surnames from many languages and regions, and `people()`, which combines them into the seeded
 * users of bench/members.mjs. Names are spelled as people write them in Latin script (with their diacritics); emails
 * use an ASCII form plus a number where needed. Editing the lists changes the data and the search's match count.
 */

export const FIRST_NAMES = [
  // English-speaking countries
  "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth",
  "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
  "Daniel", "Emily", "Matthew", "Ashley", "Anthony", "Olivia", "Mark", "Emma", "Steven", "Megan",
  "Andrew", "Hannah", "Joshua", "Rachel", "Kevin", "Lauren", "Brian", "Abigail", "George", "Chloe",
  // Spanish and Portuguese
  "José", "María", "Juan", "Carmen", "Luis", "Lucía", "Javier", "Sofía", "Alejandro", "Valentina",
  "Diego", "Camila", "Pablo", "Isabel", "Andrés", "Paula", "Mateo", "Ximena", "João", "Ana",
  "Gonçalo", "Beatriz", "Tiago", "Inês", "Rafael", "Mariana", "Rodrigo", "Leonor", "Gabriel", "Larissa",
  // French, Italian, German, Dutch
  "Jean", "Camille", "Pierre", "Chloé", "Louis", "Manon", "Hugo", "Léa", "Théo", "Élodie",
  "Giulia", "Marco", "Francesca", "Luca", "Chiara", "Giovanni", "Alessia", "Matteo", "Federica", "Lorenzo",
  "Lukas", "Hannelore", "Jürgen", "Katharina", "Maximilian", "Anneliese", "Felix", "Johanna", "Niklas", "Sabine",
  "Sven", "Femke", "Daan", "Sanne", "Bram", "Lieke", "Joost", "Marloes",
  // Nordic
  "Lars", "Ingrid", "Magnus", "Astrid", "Erik", "Sigrid", "Björn", "Freja", "Søren", "Ragnhild",
  "Oskar", "Maja", "Aino", "Eero", "Sanna", "Juha",
  // Slavic, Baltic, Hungarian, Greek
  "Ivan", "Olga", "Dmitri", "Natalia", "Sergei", "Tatiana", "Piotr", "Agnieszka", "Tomasz", "Małgorzata",
  "Jakub", "Zuzana", "Ondřej", "Kateřina", "Milan", "Jelena", "Nikola", "Dragana", "Bogdan", "Oksana",
  "Andriy", "Iryna", "Tamás", "Zsófia", "Gergely", "Réka", "Rasa", "Mindaugas", "Dimitris", "Eleni",
  "Georgios", "Katerina",
  // Arabic, Persian, Turkish, Hebrew
  "Mohammed", "Fatima", "Ahmed", "Aisha", "Omar", "Layla", "Youssef", "Mariam", "Khalid", "Noor",
  "Hassan", "Zainab", "Karim", "Salma", "Reza", "Shirin", "Dariush", "Parisa", "Mehmet", "Ayşe",
  "Emre", "Elif", "Burak", "Zeynep", "Yosef", "Noa", "Avi", "Tamar",
  // South Asia
  "Aarav", "Priya", "Rahul", "Ananya", "Vikram", "Deepika", "Arjun", "Kavya", "Sanjay", "Lakshmi",
  "Rohan", "Meera", "Imran", "Ayesha", "Tariq", "Nusrat", "Sunil", "Nirmala", "Harpreet", "Gurpreet",
  // East and Southeast Asia
  "Wei", "Li Na", "Jun", "Xiaoming", "Mei", "Hao", "Yan", "Zhiwei", "Hiroshi", "Yuki",
  "Takeshi", "Sakura", "Kenji", "Haruka", "Daisuke", "Aiko", "Min-jun", "Ji-woo", "Seo-yeon", "Hyun-woo",
  "Minh", "Linh", "Tuấn", "Thảo", "Anh", "Somchai", "Siriporn", "Niran", "Budi", "Siti",
  "Agus", "Dewi", "Rizal", "Maricel", "Jose Mari", "Quang",
  // Africa
  "Kwame", "Ama", "Kofi", "Abena", "Chinedu", "Ngozi", "Oluwaseun", "Folake", "Emeka", "Chiamaka",
  "Tendai", "Rudo", "Thabo", "Nomvula", "Sipho", "Zanele", "Amara", "Kamau", "Wanjiru", "Otieno",
  "Achieng", "Tesfaye", "Meron", "Abebe", "Hana", "Moussa", "Awa", "Ibrahima", "Fatou", "Mamadou",
  // Latin America, Caribbean, Pacific, Indigenous
  "Guadalupe", "Itzel", "Joaquín", "Renata", "Santiago", "Florencia", "Thiago", "Antonella", "Marisol", "Esteban",
  "Tāne", "Aroha", "Keanu", "Leilani", "Sione", "Mele", "Tala", "Koa",
];

export const SURNAMES = [
  // English-speaking countries and Ireland
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
  "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson",
  "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson",
  "O'Brien", "Murphy", "Kelly", "O'Sullivan", "Walsh", "McCarthy", "Byrne", "Gallagher", "Fitzgerald", "Doherty",
  // Spanish and Portuguese
  "García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez", "Torres",
  "Flores", "Rivera", "Gómez", "Díaz", "Morales", "Jiménez", "Ruiz", "Álvarez", "Castillo", "Vargas",
  "Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Ferreira", "Almeida", "Carvalho", "Gonçalves",
  // French, Italian, German, Dutch
  "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Bonnet", "Rousseau", "Fontaine", "Chevalier", "Beaumont",
  "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
  "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schäfer",
  "de Vries", "van Dijk", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
  // Nordic
  "Hansen", "Johansen", "Nielsen", "Andersen", "Pedersen", "Larsen", "Lindqvist", "Nyström", "Bergström", "Sjöberg",
  "Karlsson", "Eriksson", "Virtanen", "Korhonen", "Mäkinen", "Järvinen", "Sigurðsson", "Jónsdóttir",
  // Slavic, Baltic, Hungarian, Greek
  "Ivanov", "Smirnova", "Kuznetsov", "Popova", "Sokolov", "Lebedeva", "Kowalski", "Wiśniewska", "Wójcik", "Kowalczyk",
  "Kamiński", "Lewandowska", "Zieliński", "Szymańska", "Novák", "Svobodová", "Dvořák", "Černá", "Horvat", "Kovačević",
  "Petrović", "Jovanović", "Nikolić", "Popescu", "Ionescu", "Shevchenko", "Bondarenko", "Kovalenko", "Tkachenko", "Nagy",
  "Szabó", "Tóth", "Kazlauskas", "Bērziņš", "Papadopoulos", "Georgiou", "Konstantinou", "Nikolaidis",
  // Arabic, Persian, Turkish, Hebrew, Armenian
  "Al-Farsi", "Haddad", "Khalil", "Mansour", "Nasser", "Saleh", "Abdullah", "Hamdan", "Bakr", "El-Amin",
  "Hosseini", "Mohammadi", "Rahimi", "Karimi", "Tehrani", "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik",
  "Öztürk", "Aydın", "Cohen", "Levi", "Mizrahi", "Peretz", "Friedman", "Hovhannisyan", "Petrosyan", "Grigoryan",
  // South Asia
  "Sharma", "Patel", "Singh", "Kumar", "Gupta", "Iyer", "Reddy", "Nair", "Chatterjee", "Banerjee",
  "Mukherjee", "Desai", "Joshi", "Mehta", "Pillai", "Krishnan", "Subramanian", "Rao", "Khan", "Chaudhry",
  "Hussain", "Siddiqui", "Rahman", "Hossain", "Perera", "Fernando", "Bandara", "Shrestha", "Thapa", "Gurung",
  // East and Southeast Asia
  "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Zhou", "Xu",
  "Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Nakamura", "Kobayashi", "Yamamoto", "Matsumoto", "Inoue",
  "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Nguyễn", "Trần",
  "Lê", "Phạm", "Hoàng", "Vũ", "Srisuk", "Chaiyaporn", "Wongsakul", "Santoso", "Wijaya", "Hartono",
  "Reyes", "Cruz", "Bautista", "Mendoza", "Villanueva", "Tan", "Lim", "Ng", "Ong", "Goh",
  // Africa
  "Mensah", "Owusu", "Boateng", "Asante", "Okafor", "Okonkwo", "Adeyemi", "Adebayo", "Eze", "Nwosu",
  "Mwangi", "Ochieng", "Kamau", "Wanjiku", "Otieno", "Mutua", "Dlamini", "Nkosi", "Ndlovu", "Khumalo",
  "Mokoena", "Moyo", "Banda", "Phiri", "Tembo", "Diallo", "Traoré", "Keïta", "Ndiaye", "Sow",
  "Tesfaye", "Bekele", "Haile", "Girma", "Abdi", "Mohamud", "Okello", "Mugisha", "Uwimana", "Habimana",
  // Pacific and Indigenous American
  "Ngata", "Parata", "Tuilagi", "Fifita", "Kahananui", "Makoa", "Begay", "Yazzie", "Tsosie", "Quispe",
  "Mamani", "Condori", "Huamán", "Choque", "Tzul", "Xiloj",
];

/** A small seeded generator (mulberry32): the same data on every run. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws from a list in a seeded random order of popularity: the k-th most common name weighs 1 / k^0.6 (a long tail). */
function picker(list, rnd) {
  const order = [...list];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const cumulative = [];
  let total = 0;
  for (let k = 0; k < order.length; k++) cumulative.push((total += 1 / (k + 1) ** 0.6));
  return () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return order[lo];
  };
}

/** The ASCII form of a name for an email's local part: "Sigurðsson" -> "sigurdsson", "O'Brien" -> "obrien". */
export function asciiName(name) {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/ß/g, "ss")
    .replace(/[æÆ]/g, "ae")
    .replace(/[øØ]/g, "o")
    .replace(/[łŁ]/g, "l")
    .replace(/[đĐðÐ]/g, "d")
    .replace(/ı/g, "i")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

const DOMAINS = ["example.com", "example.org", "example.net", "mail.example", "corp.example"];
const ROLES = [null, null, null, "engineering", "product", "design", "sales", "marketing", "support", "leadership"];
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `count` people: first and last name, an email derived from them (first.last, f.last or first_last at one of a few
 * example domains, with a number when the address is taken), and the users columns of a realistic directory
 * (about 1% deactivated). `now` anchors the dates.
 */
export function people(count, { seed = 20261126, now = Date.now() } = {}) {
  const rnd = random(seed);
  const first = picker(FIRST_NAMES, rnd);
  const last = picker(SURNAMES, rnd);
  const taken = new Map();
  const result = [];
  for (let i = 0; i < count; i++) {
    const firstName = first();
    const lastName = last();
    const f = asciiName(firstName);
    const l = asciiName(lastName);
    const style = rnd();
    const base = style < 0.7 ? `${f}.${l}` : style < 0.9 ? `${f[0]}.${l}` : `${f}_${l}`;
    const domain = DOMAINS[Math.floor(rnd() * DOMAINS.length)];
    const key = `${base}@${domain}`;
    const n = (taken.get(key) ?? 0) + 1;
    taken.set(key, n);
    const joinedDaysAgo = Math.floor(rnd() * 3 * 365);
    const dateJoined = new Date(now - joinedDaysAgo * DAY_MS - Math.floor(rnd() * DAY_MS));
    result.push({
      email: n === 1 ? key : `${base}${n}@${domain}`,
      first_name: firstName,
      last_name: lastName,
      distinct_id: `d${seed.toString(36)}${i.toString(36).padStart(6, "0")}${Math.floor(rnd() * 2 ** 32).toString(36)}`,
      is_email_verified: rnd() < 0.9,
      is_active: rnd() >= 0.01,
      role_at_organization: ROLES[Math.floor(rnd() * ROLES.length)],
      has_social_auth: true,
      is_2fa_enabled: rnd() < 0.3,
      date_joined: dateJoined,
      last_login: rnd() < 0.85 ? new Date(now - Math.floor(rnd() * Math.min(joinedDaysAgo + 1, 90)) * DAY_MS) : null,
    });
  }
  return result;
}
