// The package's declarations against @rdfjs/types: this file compiles (tsc -p .) only if
// dataFactory is an RDF.DataFactory, RdfStore an RDF.Store (Source and Sink), its match() an
// RDF.Stream, and its terms RDF/JS terms. Nothing here runs.
import type * as RDF from '@rdfjs/types';
import { NervusDB, RdfStore, dataFactory, fromStoredTerm, toStoredTerm } from 'nervusdb';
import type { RdfJs } from 'nervusdb';

export async function check(db: NervusDB, foreign: RDF.Quad, stream: RDF.Stream): Promise<void> {
  const factory: RDF.DataFactory = dataFactory;
  const store = new RdfStore(db, { factory: dataFactory, batchSize: 1000 });
  const asStore: RDF.Store = store;
  const asSource: RDF.Source = store;
  const matched: RDF.Stream<RDF.Quad> = store.match(null, factory.namedNode('http://example.org/p'));
  const quad: RDF.Quad = dataFactory.quad(dataFactory.blankNode(), dataFactory.namedNode('p'), dataFactory.literal('x', 'en'));
  const term: RDF.Term = fromStoredTerm('"x"@en');
  const ours: RdfJs.Quad = foreign;
  const stored: string = toStoredTerm(foreign.object);
  const emitter: RDF.Stream = stream;
  store.import(emitter).on('end', () => undefined);
  store.remove(store.match()).on('error', (e: Error) => e);
  store.deleteGraph(dataFactory.defaultGraph());
  store.deleteGraph('http://example.org/g');
  const n: number = await store.countQuads(undefined, undefined, undefined, dataFactory.variable('g'));
  for await (const q of store.match()) {
    const s: RDF.Quad_Subject = q.subject;
    void s;
  }
  void [asStore, asSource, matched, quad, term, ours, stored, n];
}
