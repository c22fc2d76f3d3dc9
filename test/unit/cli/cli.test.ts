import { expect } from 'chai';
import type { CliCommand, CliContext } from '../../../src/cli/command.js';
import { runCli } from '../../../src/cli/main.js';

function capture(): { context: CliContext; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    context: {
      io: { out: (t) => void out.push(t), err: (t) => void err.push(t) },
      signal: new AbortController().signal,
    },
    out,
    err,
  };
}

describe('runCli', () => {
  it('lists the commands with --help', async () => {
    const { context, out } = capture();
    expect(await runCli(['--help'], context)).to.equal(0);
    expect(out.join('\n'))
      .to.match(/Usage: teamloop <command>/)
      .and.match(/\bdb\b.*embedded/);
  });

  it('shows usage and exits 2 without a command', async () => {
    const { context, out } = capture();
    expect(await runCli([], context)).to.equal(2);
    expect(out.join('\n')).to.contain('Usage: teamloop');
  });

  it('rejects an unknown command with exit code 2 and the usage', async () => {
    const { context, err } = capture();
    expect(await runCli(['frobnicate'], context)).to.equal(2);
    expect(err.join('\n')).to.contain('unknown command "frobnicate"').and.contain('Commands:');
  });

  it('hands the remaining arguments to the chosen command', async () => {
    const seen: string[][] = [];
    const fake: CliCommand = {
      name: 'platform',
      summary: 'manage platforms',
      help: '',
      run: async (args) => {
        seen.push([...args]);
        return 0;
      },
    };
    const { context } = capture();
    expect(
      await runCli(['platform', 'add', '--issuer', 'https://lms.example.edu'], context, [fake]),
    ).to.equal(0);
    expect(seen).to.deep.equal([['add', '--issuer', 'https://lms.example.edu']]);
  });
});

describe('teamloop db (arguments)', () => {
  it('prints its options with --help', async () => {
    const { context, out } = capture();
    expect(await runCli(['db', '--help'], context)).to.equal(0);
    expect(out.join('\n')).to.contain('--port').and.contain('--dbpath');
  });

  it('rejects an unknown option and a bad port without starting anything', async () => {
    const first = capture();
    expect(await runCli(['db', '--prot', '1'], first.context)).to.equal(2);
    expect(first.err.join('\n')).to.contain('--prot');
    const second = capture();
    expect(await runCli(['db', '--port', 'abc'], second.context)).to.equal(2);
    expect(second.err.join('\n')).to.contain('--port must be a number');
  });
});
