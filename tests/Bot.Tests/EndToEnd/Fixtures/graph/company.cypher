// A small company graph for the end-to-end tests: facts a fixture document states cite it in `sources`.
CREATE INDEX IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE (ceo:Person {name: 'Ingrid Solberg', title: 'Chief Executive Officer', aliases: ['CEO', '首席执行官']}),
       (coo:Person {name: 'Ravi Menon', title: 'Chief Operating Officer', aliases: ['COO', '首席运营官']}),
       (it:Person {name: 'Dana Whitfield', title: 'Head of IT', aliases: ['IT主管', 'IT director']}),
       (sec:Person {name: 'Omar Haddad', title: 'Security Lead', aliases: ['安全负责人']}),
       (security:Team {name: 'Security', aliases: ['安全团队']}),
       (chengdu:Office {name: 'Chengdu', aliases: ['成都', '成都办公室'], sources: ['zh/canteen-cn.md']}),
       (trondheim:Office {name: 'Trondheim', aliases: ['特隆赫姆', 'Trondheim office'], sources: ['facilities/bike-room.html']}),
       (badges:System {name: 'Badge system', aliases: ['badges', 'staff badge', 'badge service', '工牌系统'], sources: ['it/badge-replacement.md']}),
       (canteen:Vendor {name: 'Tianfu Canteen Services', category: 'staff canteen'}),
       (bikes:Vendor {name: 'Fjord Cycle Care', category: 'bike room maintenance'}),
       (couriers:Vendor {name: 'Nordlys Couriers', category: 'couriers'})
CREATE (coo)-[:REPORTS_TO]->(ceo),
       (it)-[:REPORTS_TO]->(coo),
       (sec)-[:REPORTS_TO]->(it),
       (sec)-[:LEADS]->(security),
       (security)-[:OWNS {sources: ['it/badge-replacement.md']}]->(badges),
       (sec)-[:OWNS {sources: ['it/badge-replacement.md']}]->(badges),
       (canteen)-[:SUPPLIES {what: 'staff canteen meals', sources: ['zh/canteen-cn.md']}]->(chengdu),
       (bikes)-[:SUPPLIES {what: 'bike room upkeep', sources: ['facilities/bike-room.html']}]->(trondheim),
       (couriers)-[:SUPPLIES {what: 'couriers'}]->(trondheim);
