import {Command} from 'commander';
import {describe, expect, it} from 'vitest';
import {createCliContext} from '../../src/cli/cli-context.js';
import {buildProgram} from '../../src/cli/program.js';
import {addSettingFlags} from '../../src/cli/setting-flags.js';
import {allCommands, commandTree, type CommandNode, type OptionNode} from '../../src/completion/command-tree.js';

const tree = commandTree(buildProgram(createCliContext({})));

function command(path: string): CommandNode {
  const found = allCommands(tree.root).find((node) => node.path.join(' ') === path);
  if (!found) throw new Error(`no command ${path}`);
  return found;
}

function option(path: string, name: string): OptionNode {
  const found = command(path).options.find((candidate) => candidate.names.includes(name));
  if (!found) throw new Error(`no ${name} on ${path}`);
  return found;
}

describe('the completion tree', () => {
  it('holds the commands and subcommands help shows, not the hidden __complete', () => {
    const names = tree.root.subcommands.map((node) => node.name);
    expect(names).toEqual(expect.arrayContaining(['ask', 'chat', 'sessions', 'config', 'roles', 'auth', 'completion', 'help']));
    expect(names).not.toContain('__complete');
    expect(command('sessions').subcommands.map((node) => node.name)).toEqual(['list', 'show', 'export', 'search', 'rm', 'rename', 'help']);
    expect(command('ask').description).toBe('ask one question; the answer streams to stdout');
  });

  it('gives each flag its names, its help line and what its value is', () => {
    expect(option('ask', '--thinking-level')).toEqual({names: ['--thinking-level'], description: 'depth of reasoning (low|high, default high)', value: {type: 'enum', values: ['low', 'high']}});
    expect(option('ask', '-t')).toMatchObject({names: ['-t', '--temperature'], value: {type: 'text'}});
    expect(option('ask', '--cost').value).toBeUndefined();
    expect(option('ask', '--no-cost').value).toBeUndefined();
    expect(option('chat', '--no-stream').value).toBeUndefined();
    for (const name of ['-f', '--system-file', '--image', '--video']) expect(option('ask', name).value).toEqual({type: 'path'});
    expect(option('chat', '--role').value).toEqual({type: 'dynamic', kind: 'roles'});
    expect(option('chat', '--session').value).toEqual({type: 'dynamic', kind: 'sessions'});
    expect(option('', '--version').value).toBeUndefined();
  });

  it('knows a flag by its name on any command, as a new one would be added', () => {
    const program = new Command('gemma');
    addSettingFlags(program.command('later').option('--session <name>', 'a session').option('-o, --output <file>', 'where').option('--shell <name>', 'which'));
    const later = commandTree(program).root.subcommands[0] as CommandNode;
    const value = (name: string): unknown => later.options.find((candidate) => candidate.names.includes(name))?.value;
    expect(value('--session')).toEqual({type: 'dynamic', kind: 'sessions'});
    expect(value('-o')).toEqual({type: 'path'});
    expect(value('--shell')).toEqual({type: 'text'});
    expect(value('--render')).toEqual({type: 'enum', values: ['auto', 'always', 'never']});
  });

  it('gives arguments their kinds: sessions, roles (not a new one), config keys and values, choices', () => {
    for (const path of ['sessions show', 'sessions export', 'sessions rm', 'sessions rename']) expect(command(path).arguments[0]?.value).toEqual({type: 'dynamic', kind: 'sessions'});
    expect(command('sessions rename').arguments[1]?.value).toEqual({type: 'text'});
    for (const path of ['roles show', 'roles edit', 'roles rm', 'roles path']) expect(command(path).arguments[0]?.value).toEqual({type: 'dynamic', kind: 'roles'});
    expect(command('roles new').arguments[0]?.value).toEqual({type: 'text'});
    expect(command('config set').arguments.map((argument) => [argument.value.type, argument.variadic])).toEqual([['setting', false], ['setting-value', true]]);
    expect(command('completion').arguments[0]?.value).toEqual({type: 'enum', values: ['bash', 'zsh', 'fish']});
    expect(command('shell-init').arguments[0]?.value).toEqual({type: 'enum', values: ['bash', 'zsh', 'fish']});
    expect(command('ask').arguments[0]).toMatchObject({name: 'prompt', variadic: true, value: {type: 'text'}});
    expect(command('help').arguments[0]?.value).toEqual({type: 'enum', values: tree.root.subcommands.map((node) => node.name).filter((name) => name !== 'help')});
  });

  it('lists the config keys, and the values of those that have a few', () => {
    expect(tree.settingKeys).toEqual(expect.arrayContaining(['temperature', 'thinkingLevel', 'includeCost', 'role']));
    expect(tree.settingKeys).not.toContain('json');
    expect(tree.settingValues.thinkingLevel).toEqual({type: 'enum', values: ['low', 'high']});
    expect(tree.settingValues['thinking-level']).toEqual({type: 'enum', values: ['low', 'high']});
    expect(tree.settingValues.includeCost).toEqual({type: 'enum', values: ['true', 'false']});
    expect(tree.settingValues.cost).toEqual({type: 'enum', values: ['true', 'false']});
    expect(tree.settingValues.role).toEqual({type: 'dynamic', kind: 'roles'});
    expect(tree.settingValues.temperature).toBeUndefined();
  });
});
