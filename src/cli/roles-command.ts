import type {Command} from 'commander';
import type {CliContext} from './cli-context.js';

/** `gemma roles ...`: each action loads src/cli/run-roles.ts (and YAML) only when it runs. */
export function addRolesCommand(program: Command, context: CliContext): void {
  const roles = program
    .command('roles')
    .description('named presets of a system prompt and settings: <config>/roles/NAME.md (docs/context.md)')
    .addHelpText('after', '\nExamples:\n  gemma roles list\n  gemma roles new reviewer\n  git diff | gemma ask -r commit\n  gemma config set role code   (the role every ask and chat starts with)');
  const run = async (action: (module: typeof import('./run-roles.js')) => Promise<void> | void): Promise<void> => action(await import('./run-roles.js'));
  roles.command('list').description('every role, built-in and yours, with its description').action(() => run((m) => m.listRoles(context)));
  roles.command('show').description('print a role\'s file').argument('<name>').action((name: string) => run((m) => m.showRole(name, context)));
  roles.command('new').description('write a role from a template and open $VISUAL / $EDITOR on it').argument('<name>').action((name: string) => run((m) => m.newRole(name, context)));
  roles.command('edit').description('open $VISUAL / $EDITOR on a role (a built-in one: on your own copy)').argument('<name>').action((name: string) => run((m) => m.editRole(name, context)));
  roles.command('rm').description('remove your role file (a built-in one of the name applies again)').argument('<name>').action((name: string) => run((m) => m.removeRole(name, context)));
  roles.command('path').description('print where roles live, or the file of one').argument('[name]').action((name: string | undefined) => run((m) => m.rolePath(name, context)));
}
