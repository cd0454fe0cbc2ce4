import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compactParameterizationGraph, decodeGraph, encodeGraph } from '../../scripts/prismaParameterizationGraph.mjs';
import { useGeneratedClientDir } from '../support/generatedClientDir.ts';

// `npm install`'s generate step renumbers the strings of the generated client's parameterization
// graph, so that the integer-keyed objects Prisma's runtime builds from it stay short
// (scripts/prismaParameterizationGraph.mjs). It must keep every edge as it was, and leave a graph
// it does not understand alone.

const GENERATED = fileURLToPath(new URL('../../src/generated/prisma/internal/class.ts', import.meta.url));

const { dir, classFile } = useGeneratedClientDir();

/** class.ts's schema as Prisma's generator writes it. */
function schemaSource(strings: string[], graph: Buffer): string {
  return `config.runtimeDataModel = {}\nconfig.parameterizationSchema = {\n  strings: JSON.parse(${JSON.stringify(JSON.stringify(strings))}),\n  graph: "${graph.toString('base64url')}"\n}\n\nconfig.compilerWasm = {}\n`;
}

function readSchema(source: string): { strings: string[]; graph: ReturnType<typeof decodeGraph> } {
  const match = /strings: JSON\.parse\(("(?:[^"\\]|\\.)*")\),\n {2}graph: "([A-Za-z0-9_-]*)"/.exec(source)!;
  return { strings: JSON.parse(JSON.parse(match[1]!) as string) as string[], graph: decodeGraph(Buffer.from(match[2]!, 'base64url')) };
}

/** Every edge with its names instead of string indexes. */
function named({ strings, graph }: ReturnType<typeof readSchema>) {
  return {
    inputNodes: graph.inputNodes.map((edges) => edges.map((edge) => ({ ...edge, key: strings[edge.key], enumName: edge.enumName === 0 ? null : strings[edge.enumName - 1] }))),
    outputNodes: graph.outputNodes.map((edges) => edges.map((edge) => ({ ...edge, key: strings[edge.key] }))),
    roots: graph.roots.map((root) => ({ ...root, key: strings[root.key] })),
  };
}

const longestKeys = ({ graph }: ReturnType<typeof readSchema>) => [...graph.inputNodes, ...graph.outputNodes].reduce((sum, edges) => sum + Math.max(0, ...edges.map((edge) => edge.key + 1)), 0);

describe("the parameterization graph's strings", () => {
  it('are numbered by use in the installed client, which encodes back to the same bytes', () => {
    const source = readFileSync(GENERATED, 'utf8');
    copyFileSync(GENERATED, classFile());
    expect(compactParameterizationGraph(dir())).toEqual({ result: 'unchanged' });
    expect(readFileSync(classFile(), 'utf8')).toBe(source);
    const graph = /graph: "([A-Za-z0-9_-]*)"/.exec(source)![1]!;
    expect(encodeGraph(decodeGraph(Buffer.from(graph, 'base64url'))).toString('base64url')).toBe(graph);
  });

  it('renumbers a graph in Prisma’s order, every edge kept by name, the objects’ longest key shorter', () => {
    // Two nodes keyed by the names the most nodes use, last in Prisma's order; an enum name; a root.
    const strings = ['where', 'Status', 'rare', 'id', 'status'];
    const graph = {
      inputNodes: [
        [
          { key: 3, scalarMask: 1, child: 0, enumName: 0, flags: 1 },
          { key: 4, scalarMask: 0, child: 0, enumName: 2, flags: 2 },
        ],
        [{ key: 3, scalarMask: 1, child: 0, enumName: 0, flags: 1 }],
        [
          { key: 2, scalarMask: 256, child: 2, enumName: 0, flags: 32 },
          { key: 4, scalarMask: 0, child: 0, enumName: 2, flags: 2 },
        ],
      ],
      outputNodes: [[{ key: 3, args: 0, output: 0 }]],
      roots: [{ key: 0, args: 1, output: 1 }],
    };
    const before = schemaSource(strings, encodeGraph(graph));
    writeFileSync(classFile(), before);

    expect(compactParameterizationGraph(dir())).toEqual({ result: 'renumbered' });
    const after = readFileSync(classFile(), 'utf8');
    expect(named(readSchema(after))).toEqual(named(readSchema(before)));
    expect(readSchema(after).strings.slice(0, 2)).toEqual(['id', 'status']);
    expect(longestKeys(readSchema(after))).toBeLessThan(longestKeys(readSchema(before)));
    // The rest of class.ts is untouched, and a second run changes nothing.
    expect(after.replace(/\nconfig\.parameterizationSchema = \{[\s\S]*?\n\}\n/, '')).toBe(before.replace(/\nconfig\.parameterizationSchema = \{[\s\S]*?\n\}\n/, ''));
    expect(compactParameterizationGraph(dir())).toEqual({ result: 'unchanged' });
  });

  it('leaves a graph it cannot read as it is, and says why', () => {
    const strings = ['where', 'id'];
    const truncated = encodeGraph({ inputNodes: [[{ key: 1, scalarMask: 1, child: 0, enumName: 0, flags: 1 }]], outputNodes: [], roots: [] }).subarray(0, 5);
    for (const source of [schemaSource(strings, truncated), schemaSource(strings, Buffer.concat([truncated, Buffer.from([0, 0, 0, 0])])), 'config.parameterizationSchema = {}\n']) {
      writeFileSync(classFile(), source);
      expect(compactParameterizationGraph(dir())).toMatchObject({ result: 'skipped', reason: expect.any(String) });
      expect(readFileSync(classFile(), 'utf8')).toBe(source);
    }
  });
});
