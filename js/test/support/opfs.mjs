// Browser storage tests need the Origin Private File System. Engines without it (WebKitGTK as
// Debian ships it: navigator.storage is switched off) cannot run them; such tests are pending
// and say why (run.mjs prints the reason), and opfs.test.mjs checks what the package does there.

/** Why OPFS tests cannot apply in this engine, or null when they can. */
export function opfsMissing() {
  if (typeof navigator !== 'object' || typeof navigator.storage?.getDirectory !== 'function') {
    return 'this engine has no Origin Private File System (no navigator.storage.getDirectory), so no database can '
      + "be stored here; the package refuses persistent databases with UNSUPPORTED and runs ':memory:' ones "
      + '(checked by "OPFS storage … where the engine has none")';
  }
  return null;
}

/** A beforeEach hook: marks the test pending, with the reason, where OPFS is missing. */
export function requireOpfs() {
  const reason = opfsMissing();
  if (reason !== null) {
    this.currentTest.reason = reason;
    this.skip();
  }
}
