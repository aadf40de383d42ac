import {UsageError} from '../errors.js';
import {isWidgetShell, SHELL_WIDGETS, WIDGET_SHELLS} from './shell-widgets.js';

/** The script `gemma shell-init NAME` prints, or exit 2 naming the shells there are widgets for. */
export function shellInitScript(name: string): string {
  if (!isWidgetShell(name)) throw new UsageError(`unknown shell "${name}"; allowed: ${WIDGET_SHELLS.join(', ')}`, {hint: 'e.g. eval "$(gemma shell-init bash)"'});
  return SHELL_WIDGETS[name];
}
