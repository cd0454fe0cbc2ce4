// TypeScript declares the WebAssembly API only in its DOM libraries, which this Node project does
// not load (@types/emscripten declares the `Module` type alone): the part prismaQueryCompiler.ts uses.
declare namespace WebAssembly {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges with @types/emscripten's
  interface Module {}
  function compile(bytes: Uint8Array): Promise<Module>;
}
