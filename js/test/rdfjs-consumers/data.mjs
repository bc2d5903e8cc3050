// The data of the consumer tests: default-graph and named-graph statements with typed literals,
// language tags, escapes and blank nodes, as a SPARQL update NervusDB runs (DATA) and as TriG
// for the parsers (TRIG: 15 statements in the default graph, 5 in three named graphs).

export const PREFIXES = `PREFIX ex: <http://example.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
`;

export const DATA = `${PREFIXES}
INSERT DATA {
  ex:alice a ex:Person ; ex:name "Alice" ; ex:age 31 ; ex:height 1.68 ; ex:score 7.5e0 ;
    ex:born "1993-04-01"^^xsd:date ; ex:knows ex:bob , ex:carol ; ex:email "alice@example.org" ;
    ex:greeting "Bonjour"@fr , "Hello"@en , "Say \\"hi\\"\\nthen go"@en .
  ex:bob a ex:Person ; ex:name "Bob" ; ex:age 4 ; ex:height 1.05 ; ex:score 3.0e0 ;
    ex:born "2020-01-15"^^xsd:date ; ex:knows ex:carol .
  ex:carol a ex:Person ; ex:name "Carol" ; ex:age 29 ; ex:score 9.25e0 ; ex:born "1995-12-31"^^xsd:date ;
    ex:active true ; ex:note "tab\\there, back\\\\slash, é, 🚀" .
  ex:dave a ex:Robot ; ex:name "Dave" ; ex:age 31 ; ex:active false .
  ex:carol ex:owns _:pet .
  _:pet ex:name "Rex" ; ex:species "dog" .
  GRAPH ex:g1 {
    ex:alice ex:knows ex:dave . ex:dave ex:age 12 . ex:erin ex:name "Erin" ; ex:age 45 .
    ex:alice ex:name "Alice" .
  }
  GRAPH ex:g2 {
    ex:bob ex:knows ex:erin . ex:erin ex:name "Erin"@en ; ex:age 46 ; ex:score 1.5e0 .
  }
  GRAPH ex:g3 { ex:frank ex:name "Frank" ; ex:born "1980-06-06"^^xsd:date . }
}`;


export const TRIG = `@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:alice ex:name "Alice" ; ex:age 31 ; ex:height 1.68 ; ex:score 7.5e0 ; ex:born "1993-04-01"^^xsd:date ;
  ex:greeting "Bonjour"@fr , "Hello"@EN-gb , """Say "hi"
then go""" ;
  ex:odd "back\\\\slash \\"quoted\\" tab\\t cr\\r nl\\n é 🚀 \\u00e9 \\U0001F680" , "" , "x"^^ex:custom ;
  ex:knows [ ex:name "Nameless" ] , _:bob .
_:bob ex:name "Bob" .
ex:g1 { ex:alice ex:knows ex:carol . ex:carol ex:age 29 ; ex:name "Carol"@en . }
_:g2 { _:bob ex:says "in a blank-node graph" . }
<http://example.org/ünï> { <http://example.org/ünï> ex:p <urn:isbn:0451450523> . }
`;
