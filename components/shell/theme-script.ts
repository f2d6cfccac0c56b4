/** Where the chosen theme is kept: "light", "dark", or nothing for the system's. */
export const THEME_STORAGE_KEY = "orgdeck-theme";

/**
 * Runs in <head> before the first paint, so a dark-theme visitor never sees a light flash: the stored choice, else
 * the system's preference, sets `.dark` on <html>.
 */
export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem("${THEME_STORAGE_KEY}");var d=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;
