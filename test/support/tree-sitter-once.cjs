// Jest gives every test file a module registry of its own, but tree-sitter's JS wrapper patches
// the native classes' prototypes when it loads, so a second load in the same worker breaks it.
// Keep the first load on an object all registries share (a core module) and hand it out again.
const shared = require('node:os');
const key = Symbol.for('flaskguard.tree-sitter');
module.exports = shared[key] ?? (shared[key] = require('../../node_modules/tree-sitter/index.js'));
