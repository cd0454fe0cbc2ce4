// Run by prisma-generate.mjs after `prisma generate`: renumbers the strings of the generated
// client's parameterization graph so that the field names most of its nodes use come first.
//
// Prisma 7's client runtime (@prisma/client/runtime/client.js, its graph reader) decodes
// `config.parameterizationSchema` once per client: every node of the graph becomes an object whose
// keys are the indexes, in `strings`, of its fields' names (`edges[index] = edge`). V8 stores such
// integer keys in an array as long as the largest one, holes included: with the names in the order
// Prisma writes them, the 1,714 nodes' arrays held 4.3 MiB of V8 heap in every thread that holds a
// client (heap snapshots of both threads, idle; issue 15). Numbered by how many nodes use each
// name, the same arrays are about a quarter as long. Only the numbering changes: every edge keeps
// its name, flags, type mask, child node and enum name.
//
// The step decodes the graph as the runtime does and checks, before writing anything, that
// encoding the decoded graph again gives back the same bytes (so the format is the one this step
// knows) and that the renumbered graph decodes to the same edges, name for name. When either check
// fails (a Prisma release changed the format) it leaves class.ts as Prisma wrote it and says so:
// the client then works as Prisma ships it, with the larger arrays, and test/unit/prismaParameterizationGraph.test.ts fails
// so the change is seen. Running it again on a graph it renumbered changes nothing.
import { Buffer } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// How Prisma's generator writes the schema into internal/class.ts (7.x).
const SCHEMA = /\nconfig\.parameterizationSchema = \{\n {2}strings: JSON\.parse\(("(?:[^"\\]|\\.)*")\),\n {2}graph: "([A-Za-z0-9_-]*)"\n\}\n/;

/**
 * Renumbers the parameterization graph's strings in `<generatedDir>/internal/class.ts`.
 * Returns what it did: `renumbered` (written), `unchanged` (already in order), or `skipped` with
 * the reason (class.ts or the graph's format is not the one this step knows; nothing written).
 */
export function compactParameterizationGraph(generatedDir) {
  const file = path.join(generatedDir, 'internal', 'class.ts');
  const source = readFileSync(file, 'utf8');
  const match = SCHEMA.exec(source);
  if (!match) return { result: 'skipped', reason: `${file}: no parameterizationSchema as Prisma 7 writes it` };
  const strings = JSON.parse(JSON.parse(match[1]));
  const bytes = Buffer.from(match[2], 'base64url');
  let graph;
  try {
    graph = decodeGraph(bytes);
  } catch (error) {
    return { result: 'skipped', reason: `the graph does not decode: ${error.message}` };
  }
  if (!encodeGraph(graph).equals(bytes)) return { result: 'skipped', reason: 'the graph does not encode back to the same bytes' };
  if (graph.roots.some((root) => root.key >= strings.length)) return { result: 'skipped', reason: 'a root names a string the schema does not have' };

  const order = namesByUse(graph, strings.length);
  if (order.every((old, index) => old === index)) return { result: 'unchanged' };
  const renumber = new Array(strings.length);
  order.forEach((old, index) => (renumber[old] = index));
  const renumbered = remap(graph, renumber);
  const newStrings = order.map((old) => strings[old]);
  if (!sameEdges(graph, strings, decodeGraph(encodeGraph(renumbered)), newStrings)) return { result: 'skipped', reason: 'the renumbered graph does not read the same' };

  const replacement = `\nconfig.parameterizationSchema = {\n  strings: JSON.parse(${JSON.stringify(JSON.stringify(newStrings))}),\n  graph: "${encodeGraph(renumbered).toString('base64url')}"\n}\n`;
  writeFileSync(file, source.replace(SCHEMA, () => replacement));
  return { result: 'renumbered' };
}

/**
 * The graph as the runtime reads it: three counts (input nodes, output nodes, roots), then each
 * input node (its edges: name index, type mask u16, child node + 1, enum name index + 1, flags u8),
 * each output node (its edges: name index, args node + 1, output node + 1), each root (name index,
 * args node + 1, output node + 1); unsigned LEB128 varints, `+ 1` fields 0 when absent. Throws on
 * truncated or trailing bytes.
 */
export function decodeGraph(bytes) {
  let at = 0;
  const byte = () => {
    if (at >= bytes.length) throw new Error('truncated');
    return bytes[at++];
  };
  const varint = () => {
    let value = 0;
    let shift = 0;
    let next;
    do {
      next = byte();
      value += (next & 127) * 2 ** shift;
      shift += 7;
    } while (next >= 128);
    return value;
  };
  const u16 = () => byte() | (byte() << 8);
  const counts = { input: varint(), output: varint(), roots: varint() };
  const inputNodes = [];
  for (let node = 0; node < counts.input; node++) {
    const edges = [];
    for (let count = varint(); count > 0; count--) edges.push({ key: varint(), scalarMask: u16(), child: varint(), enumName: varint(), flags: byte() });
    inputNodes.push(edges);
  }
  const outputNodes = [];
  for (let node = 0; node < counts.output; node++) {
    const edges = [];
    for (let count = varint(); count > 0; count--) edges.push({ key: varint(), args: varint(), output: varint() });
    outputNodes.push(edges);
  }
  const roots = [];
  for (let root = 0; root < counts.roots; root++) roots.push({ key: varint(), args: varint(), output: varint() });
  if (at !== bytes.length) throw new Error(`${bytes.length - at} bytes after the last root`);
  return { inputNodes, outputNodes, roots };
}

/** The bytes `decodeGraph` reads `graph` from. */
export function encodeGraph(graph) {
  const out = [];
  const varint = (value) => {
    do {
      const low = value % 128;
      value = Math.floor(value / 128);
      out.push(value > 0 ? low | 128 : low);
    } while (value > 0);
  };
  varint(graph.inputNodes.length);
  varint(graph.outputNodes.length);
  varint(graph.roots.length);
  for (const edges of graph.inputNodes) {
    varint(edges.length);
    for (const edge of edges) {
      varint(edge.key);
      out.push(edge.scalarMask & 255, edge.scalarMask >> 8);
      varint(edge.child);
      varint(edge.enumName);
      out.push(edge.flags);
    }
  }
  for (const edges of graph.outputNodes) {
    varint(edges.length);
    for (const edge of edges) {
      varint(edge.key);
      varint(edge.args);
      varint(edge.output);
    }
  }
  for (const root of graph.roots) {
    varint(root.key);
    varint(root.args);
    varint(root.output);
  }
  return Buffer.from(out);
}

/** String indexes, the ones most nodes key their edges by first (ties: Prisma's order). */
function namesByUse(graph, count) {
  const uses = new Array(count).fill(0);
  for (const edges of [...graph.inputNodes, ...graph.outputNodes]) for (const edge of edges) uses[edge.key]++;
  return [...uses.keys()].sort((a, b) => uses[b] - uses[a] || a - b);
}

/** `graph` with every string index `i` replaced by `renumber[i]` (names and enum names; node ids stay). */
function remap(graph, renumber) {
  return {
    inputNodes: graph.inputNodes.map((edges) => edges.map((edge) => ({ ...edge, key: renumber[edge.key], enumName: edge.enumName === 0 ? 0 : renumber[edge.enumName - 1] + 1 }))),
    outputNodes: graph.outputNodes.map((edges) => edges.map((edge) => ({ ...edge, key: renumber[edge.key] }))),
    roots: graph.roots.map((root) => ({ ...root, key: renumber[root.key] })),
  };
}

/** Whether two graphs, each with its strings, have the same edges, named rather than numbered. */
function sameEdges(a, aStrings, b, bStrings) {
  const named = (graph, strings) =>
    JSON.stringify({
      inputNodes: graph.inputNodes.map((edges) => edges.map((edge) => ({ ...edge, key: strings[edge.key], enumName: edge.enumName === 0 ? null : strings[edge.enumName - 1] }))),
      outputNodes: graph.outputNodes.map((edges) => edges.map((edge) => ({ ...edge, key: strings[edge.key] }))),
      roots: graph.roots.map((root) => ({ ...root, key: strings[root.key] })),
    });
  return named(a, aStrings) === named(b, bStrings);
}
