import {describe, expect, it} from 'vitest';
import {factsPrompt, osReleaseName, shellFacts, userShell} from '../../src/shell/shell-facts.js';

describe('shell facts', () => {
  it('names the shell from $SHELL, the distribution from os-release and the directory by its name only', () => {
    const facts = shellFacts({SHELL: '/usr/bin/zsh'}, {platform: 'linux', cwd: '/home/me/projects/site', osRelease: () => 'NAME="Ubuntu"\nPRETTY_NAME="Ubuntu 24.04.1 LTS"\nID=ubuntu\n'});
    expect(facts).toEqual({shell: 'zsh', os: 'Linux (Ubuntu 24.04.1 LTS)', directory: 'site'});
    expect(factsPrompt(facts)).toBe("The user's shell: zsh.\nThe operating system: Linux (Ubuntu 24.04.1 LTS).\nThe current directory is named: site.");
  });

  it('falls back to sh, NAME and VERSION, macOS, and the root', () => {
    expect(userShell({})).toBe('/bin/sh');
    expect(userShell({SHELL: ''})).toBe('/bin/sh');
    expect(osReleaseName("NAME='Alpine Linux'\nVERSION=3.20\n")).toBe('Alpine Linux 3.20');
    expect(osReleaseName('')).toBeUndefined();
    expect(shellFacts({}, {platform: 'linux', cwd: '/', osRelease: () => undefined})).toEqual({shell: 'sh', os: 'Linux', directory: '/'});
    expect(shellFacts({SHELL: '/bin/bash'}, {platform: 'darwin', cwd: '/Users/me'}).os).toBe('macOS');
  });
});
