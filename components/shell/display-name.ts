/** A person as the console names them: their full name, else their email address. */
export function displayName(user: { first_name: string; last_name: string; email: string }) {
  return `${user.first_name} ${user.last_name}`.trim() || user.email;
}
