// Runs the compiled TypeScript Merkle hashing on tests/vectors/merkle.json (per tree, its leaf
// hashes and the root of its first n leaves for every n) and on the records of
// tests/vectors/chain_v1.json (the root of a checkpoint's range, leaves given as the records'
// hashes), as hex in JSON. Usage: node run_merkle.mjs DIST MERKLE_VECTORS CHAIN_VECTORS
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [dist, merklePath, chainPath] = process.argv.slice(2);
const { EMPTY_ROOT, leafHash, merkleRoot, recordsRoot } = await import(pathToFileURL(`${dist}/runtime/merkle.js`).href);
const hex = (bytes) => Buffer.from(bytes).toString("hex");
const trees = JSON.parse(readFileSync(merklePath, "utf8")).trees.map((tree) => {
  const leaves = tree.leaves.map((leaf) => Buffer.from(leaf, "hex"));
  return {
    name: tree.name,
    leaf_hashes: leaves.map((leaf) => hex(leafHash(leaf))),
    roots: Array.from({ length: leaves.length + 1 }, (_, n) => hex(merkleRoot(leaves.slice(0, n)))),
  };
});
const chain = JSON.parse(readFileSync(chainPath, "utf8"));
const records = hex(recordsRoot(chain.records.map((record) => record.hash)));
process.stdout.write(JSON.stringify({ empty: hex(EMPTY_ROOT), trees, records }));
