/**
 * Preloaded (`node --import`) into every process the demo starts: when the demo goes away without stopping
 * its children (SIGKILL, a crash), the IPC channel closes and the child shuts down as on SIGTERM, so no
 * orphan keeps the demo's ports.
 */
process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));

export {};
