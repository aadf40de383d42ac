import {describe, expect, it} from 'vitest';
import {DANGER_PATTERNS, dangerReasons} from '../../src/shell/danger-patterns.js';

/** Each row of the table: commands it must flag, and near misses it must leave alone. */
const CASES: {why: RegExp; matches: string[]; nearMisses: string[]}[] = [
  {
    why: /broad path recursively/,
    matches: ['rm -rf /', 'rm -rf /*', 'sudo rm -rf ~', 'rm -r ~/', 'rm -fr .', 'rm -Rf *', 'rm --recursive --force $HOME', 'cd x && rm -rf ..', 'rm -rf /etc', 'rm -rf "$HOME"', 'find . -name x; rm -rf /usr/',
      // quoted, and "all it holds" forms of the same paths
      'rm -rf $HOME/*', 'rm -rf "$HOME"/*', 'rm -rf "$HOME/"', 'rm -rf "${HOME}"', "rm -rf '/'", 'rm -rf ~/.*', 'rm -rf .*', 'sudo -u root rm -rf /', 'sudo -g wheel -E rm -rf ~', 'rm -rf "$PWD"', 'rm -rf $(pwd)/*'],
    nearMisses: ['rm -rf ./build', 'rm -r node_modules', 'rm file.txt', 'rm -f /tmp/x', 'rm -rf /tmp/foo', 'rm -rf *.log', 'git rm -r .', 'echo rm -rf /', 'rm -rf ~/Downloads/old', 'rm -rf "$HOME/.cache/pip"', 'rm -rf ./.cache', 'rm -rf .git/hooks', 'rm -rf -- ./build', 'sudo -u www rm -rf /var/www/app/cache', 'rm -rf "$PWD/build"', 'rm -rf $(pwd)/dist'],
  },
  {why: /--no-preserve-root/, matches: ['rm -rf --no-preserve-root /'], nearMisses: ['rm --help']},
  {
    why: /find -delete/,
    matches: ['find / -name "*.log" -delete', 'find ~ -type f -exec rm {} +', 'find . -mtime +30 -delete', 'find / -type f -exec shred -u {} \\;', 'find "$HOME" -execdir rm {} +'],
    nearMisses: ['find ./logs -mtime +30 -delete', 'find / -name "*.log"', 'find . -type f -size +1M'],
  },
  {why: /mkfs/, matches: ['mkfs.ext4 /dev/sdb1', 'sudo mkfs -t vfat /dev/sdc', 'lsblk && mkfs.xfs /dev/nvme0n1p2', 'mke2fs -t ext4 /dev/sdb1', 'sudo mkswap /dev/sda2'], nearMisses: ['man mkfs', 'echo mkfs', 'which mkfs.ext4', 'man mke2fs']},
  {why: /erases a disk device/, matches: ['wipefs -a /dev/sda', 'sudo shred -n1 /dev/nvme0n1', 'blkdiscard /dev/sdb'], nearMisses: ['shred -u secret.txt', 'wipefs --help']},
  {
    why: /dd writes/,
    matches: ['dd if=ubuntu.iso of=/dev/sdb bs=4M', 'sudo dd if=/dev/zero of=/dev/disk2', 'dd of=/dev/mmcblk0 if=x.img'],
    nearMisses: ['dd if=/dev/zero of=test.img bs=1M count=10', 'dd if=/dev/sda of=/dev/null', 'dd if=/dev/urandom of=./key bs=32 count=1'],
  },
  {why: /raw disk device/, matches: ['cat image > /dev/sda', 'echo x >/dev/nvme0n1', 'cat x.img | sudo tee /dev/sdb', 'sudo cp ubuntu.iso /dev/sdb', 'cp x.img /dev/mmcblk0 && sync', 'truncate -s 0 /dev/sda'], nearMisses: ['echo x > /dev/null', 'cat /dev/sda1 > disk.img', 'tee out.log', 'cp /dev/sda1 disk.img', 'cat /dev/sda | head -c 512 | xxd', 'truncate -s 0 app.log']},
  {
    why: /permissions or owners of everything under \/, a system folder or the home/,
    matches: ['chmod -R 777 /', 'sudo chown -R me:me /', 'chmod --recursive 755 /usr', 'chgrp -R staff /*', 'chmod -R 000 ~', 'chmod -R 777 "$HOME"', 'sudo chown -R nobody ~/'],
    nearMisses: ['chmod -R 755 ./public', 'chown -R me:me ~/project', 'chmod 644 /etc/hosts', 'chmod -R u+w /tmp/build'],
  },
  {why: /fork bomb/, matches: [':(){ :|:& };:', 'bomb() { bomb | bomb & }; bomb'], nearMisses: ['f() { echo hi; }; f', 'echo ":)" | cat']},
  {
    why: /force-pushes/,
    matches: ['git push --force', 'git push -f origin main', 'git push origin +main', 'git add . && git commit -m x && git push -uf origin dev'],
    nearMisses: ['git push', 'git push --force-with-lease', 'git push origin main', 'git pull -f', 'git push --follow-tags'],
  },
];

describe('the danger table', () => {
  it('has cases for every row', () => {
    for (const row of DANGER_PATTERNS) expect(CASES.some((c) => c.why.test(row.why)), row.why).toBe(true);
  });

  for (const {why, matches, nearMisses} of CASES) {
    it(`flags ${why.source}`, () => {
      for (const command of matches) expect(dangerReasons(command).some((reason) => why.test(reason)), command).toBe(true);
    });
    it(`leaves near misses of ${why.source} alone`, () => {
      for (const command of nearMisses) expect(dangerReasons(command), command).toEqual([]);
    });
  }

  it('says nothing about an everyday command', () => {
    for (const command of ['du -ah . | sort -rh | head -n 10', 'ls -la', 'git status', 'tar czf out.tgz src', 'grep -r TODO .']) expect(dangerReasons(command), command).toEqual([]);
  });

  it('checks a long answer in linear time (a 100,000-character word took 10 s in the fork-bomb row)', () => {
    const started = performance.now();
    expect(dangerReasons('a'.repeat(100_000))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
