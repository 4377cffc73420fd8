// Placeholder until the CLI lands: prints the version.
export async function main(argv: string[]): Promise<number> {
  if (argv.includes("--version")) process.stdout.write("0.1.0\n");
  return 0;
}
