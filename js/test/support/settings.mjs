// The run's NERVUSDB_USE_WASM setting, wherever the runner put it: the environment in Node,
// or globalThis.NERVUSDB_USE_WASM, which the browser test page sets from its URL.
export function useWasmSetting() {
  return globalThis.process?.env?.NERVUSDB_USE_WASM ?? globalThis.NERVUSDB_USE_WASM;
}
