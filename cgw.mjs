const mode = process.argv[2];
const { RULES } = await import('/work/main/dist/rules/index.js');
const { analyze } = await import('/work/main/dist/src/core/analyze.js');
const { parsePython } = await import('/work/main/dist/src/core/python/parser.js');
const { generateProject } = await import('/work/main/dist/bench/generate-project.js');
const files = generateProject(Number(process.env.LINES ?? 15000));
if (mode === 'parse') for (const f of files) parsePython(String(f.content));
else if (mode === 'analyze') analyze(files, { rules: RULES });
