// A small film graph written for the conformance test (not the Neo4j movies data set).
CREATE INDEX IF NOT EXISTS FOR (p:Person) ON (p.name);
CREATE INDEX IF NOT EXISTS FOR (f:Film) ON (f.title);

CREATE (Harbour:Film {title:'Harbour Lights', released:1998, tagline:'Every light has a keeper'})
CREATE (Quarry:Film {title:'The Quarry', released:2004, tagline:'Dig deeper'})
CREATE (Orbit:Film {title:'Low Orbit', released:2011})
CREATE (Saltmarsh:Film {title:'Saltmarsh', released:1987, tagline:'Where the river forgets'})
CREATE (Ada:Person {name:'Ada Lindqvist', born:1961})
CREATE (Bram:Person {name:'Bram Oduya', born:1970})
CREATE (Cleo:Person {name:'Cleo Marsh', born:1983})
CREATE (Dev:Person {name:'Dev Anand Rao', born:1955})
CREATE (Esme:Person {name:'Esme Volk'})
CREATE (Felix:Person {name:'Felix Brand', born:1990})
CREATE
(Ada)-[:ACTED_IN {roles:['Keeper', 'Narrator']}]->(Harbour),
(Bram)-[:ACTED_IN {roles:['Pilot']}]->(Harbour),
(Cleo)-[:ACTED_IN {roles:['Digger']}]->(Quarry),
(Ada)-[:ACTED_IN {roles:['Foreman']}]->(Quarry),
(Felix)-[:ACTED_IN {roles:['Cadet', 'Captain Vos']}]->(Orbit),
(Bram)-[:ACTED_IN {roles:['Captain Ilse']}]->(Orbit),
(Dev)-[:ACTED_IN {roles:['Ferryman']}]->(Saltmarsh),
(Dev)-[:DIRECTED]->(Harbour),
(Dev)-[:DIRECTED]->(Saltmarsh),
(Esme)-[:DIRECTED]->(Quarry),
(Cleo)-[:DIRECTED]->(Orbit),
(Esme)-[:PRODUCED]->(Harbour),
(Esme)-[:PRODUCED]->(Orbit),
(Bram)-[:WROTE]->(Quarry),
(Ada)-[:FOLLOWS]->(Bram),
(Bram)-[:FOLLOWS]->(Cleo),
(Cleo)-[:FOLLOWS]->(Dev),
(Felix)-[:FOLLOWS]->(Ada),
(Esme)-[:REVIEWED {summary:'Quietly brilliant', rating:91}]->(Harbour),
(Felix)-[:REVIEWED {summary:'Too long', rating:48}]->(Quarry),
(Felix)-[:REVIEWED {summary:'Fun ride', rating:77}]->(Orbit);
