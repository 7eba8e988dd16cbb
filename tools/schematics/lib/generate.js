'use strict';
/**
 * Renders a schematic's template folder into the tree. Templates are the generated files as they
 * will read, with `<%= %>` placeholders (@angular-devkit/core's template engine) and `__key__` in
 * their paths; nothing is compiled first, so the collection runs as it is on a fresh clone.
 */
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');
const { template } = require('@angular-devkit/core');
const { SchematicsException } = require('@angular-devkit/schematics');

function templateFiles(folder) {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    return statSync(path).isDirectory() ? templateFiles(path) : [path];
  });
}

/**
 * The files of a template folder, rendered: `{ path, content }`. `paths` fills the `__key__`
 * placeholders of file names, `values` the placeholders of contents; `include(path)` may leave
 * files out (those of a shared library the workspace does not have).
 */
function render(folder, paths, values, include = () => true) {
  return templateFiles(folder)
    .map((file) => {
      const path = relative(folder, file)
        .split(/[\\/]/)
        .join('/')
        .replace(/\.template$/, '')
        .replace(/__([a-z]+)__/g, (_, key) => paths[key]);
      return { path, content: template(readFileSync(file, 'utf8'), { sourceURL: file })(values) };
    })
    .filter(({ path }) => include(path));
}

/**
 * `--force` is one of the schematics CLI's own options: the CLI keeps it and hands it only to the
 * workflow (it never reaches the schematic's options), so it is read there too.
 */
function forceRequested(options, context) {
  return options.force === true || context.engine.workflow?._force === true;
}

/**
 * Writes rendered files. An existing file is never replaced silently: without --force, the whole
 * run is refused (before anything is written) with the list of files that are in the way.
 */
function writeFiles(tree, files, force, retry) {
  const existing = files.filter(({ path }) => tree.exists(path)).map(({ path }) => path);
  if (existing.length > 0 && !force) {
    throw new SchematicsException(
      `Refusing to overwrite ${existing.length} existing file(s):\n  ${existing.join('\n  ')}\n` +
        `Nothing was written. To overwrite them, run: npx schematics @openbank/schematics:${retry} --force`,
    );
  }
  for (const { path, content } of files) {
    if (!tree.exists(path)) tree.create(path, content);
    else if (tree.readText(path) !== content) tree.overwrite(path, content);
  }
}

module.exports = { render, forceRequested, writeFiles };
