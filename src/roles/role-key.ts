/** The config file's key for the default role: not a setting, since it chooses settings. */
export const ROLE_KEY = 'role';
