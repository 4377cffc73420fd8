// @babel/parser as the oracle for the scanner's differential test: every specifier form DESIGN lists, found on
// the AST, as [start, end, kind] of the string literal's contents.
import { parse } from "@babel/parser";
import type { ParserPlugin } from "@babel/parser";

export interface OracleSpec { start: number; end: number; kind: string; value: string }

const REFERENCE_TYPES = /^\/[ \t]*<reference[ \t]+types[ \t]*=[ \t]*(["'])([^"'\n]*)\1/;

export function oracle(text: string, file: string): OracleSpec[] | undefined {
  const ts = /\.[mc]?tsx?$/.test(file);
  const plugins: ParserPlugin[] = [];
  if (ts) plugins.push(["typescript", { dts: /\.d\.[mc]?ts$/.test(file) }]);
  if (!ts || file.endsWith(".tsx")) plugins.push("jsx");
  plugins.push("decorators-legacy", "importAttributes", "explicitResourceManagement");
  let ast;
  try {
    ast = parse(text, {
      sourceType: "unambiguous",
      plugins,
      allowReturnOutsideFunction: true,
      allowImportExportEverywhere: true,
      allowAwaitOutsideFunction: true,
      allowUndeclaredExports: true,
      allowNewTargetOutsideFunction: true,
      allowSuperOutsideMethod: true,
      errorRecovery: false,
    });
  } catch {
    return undefined; // the oracle cannot parse it: no verdict
  }
  const out: OracleSpec[] = [];
  const lit = (n: unknown, kind: string): void => {
    const node = n as { type?: string; start?: number; end?: number; value?: unknown; literal?: unknown } | null;
    if (!node) return;
    if (node.type === "TSLiteralType") return lit(node.literal, kind);
    if (node.type === "StringLiteral" && node.start !== undefined && node.end !== undefined) {
      out.push({ start: node.start + 1, end: node.end - 1, kind, value: String(node.value) });
    }
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) { for (const n of node) visit(n); return; }
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, unknown> & { type?: string };
    switch (n.type) {
      case "ImportDeclaration": lit(n.source, "import"); break;
      case "ExportNamedDeclaration": case "ExportAllDeclaration": if (n.source) lit(n.source, "export-from"); break;
      case "TSImportType": lit(n.argument, "dynamic-import"); break;
      case "TSExternalModuleReference": lit(n.expression, "import-equals"); break;
      case "TSModuleDeclaration": {
        const id = n.id as { type?: string } | undefined;
        if (id?.type === "StringLiteral") lit(id, "declare-module");
        break;
      }
      case "CallExpression": {
        const callee = n.callee as Record<string, unknown> & { type?: string; name?: string };
        const args = n.arguments as { type?: string }[];
        if (callee.type === "Import") { if (args.length <= 2) lit(args[0], "dynamic-import"); }
        else if (callee.type === "Identifier" && callee.name === "require" && args.length === 1) lit(args[0], "require");
        else if (callee.type === "MemberExpression" && !callee.computed &&
          (callee.object as { type?: string; name?: string }).type === "Identifier" &&
          (callee.object as { name?: string }).name === "require" &&
          (callee.property as { name?: string }).name === "resolve" && args.length >= 1) lit(args[0], "require-resolve");
        break;
      }
      case "ImportExpression": lit(n.source, "dynamic-import"); break;
    }
    for (const key in n) {
      if (key === "loc" || key === "leadingComments" || key === "trailingComments" || key === "innerComments" || key === "extra") continue;
      const v = n[key];
      if (v && typeof v === "object") visit(v);
    }
  };
  visit(ast.program);
  for (const c of ast.comments ?? []) {
    if (c.type !== "CommentLine") continue;
    const m = REFERENCE_TYPES.exec(c.value);
    if (!m) continue;
    const start = c.start! + 2 + c.value.indexOf(m[1]! + m[2]! + m[1]!) + 1;
    out.push({ start, end: start + m[2]!.length, kind: "reference-types", value: m[2]! });
  }
  return out.sort((a, b) => a.start - b.start);
}
