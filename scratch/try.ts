import { PythonModule } from '../src/core/python/module.js';
const src = `
from flask import Flask, current_app, render_template as rt
import jinja2
from jinja2 import Template, Environment
app = Flask(__name__)
env = Environment()
t = Template("<p>{{ x }}</p>")
a = t.render(x=1)
b = Template("s").render(x=1)
c = env.from_string("x").render()
d = env.get_template("x").render()
e = current_app.jinja_env.get_template("x").render()
f = jinja2.Template("x").render()
g = rt("x.txt")
`;
const m = new PythonModule('app.py', src);
for (const call of m.root.descendantsOfType('call')) console.log(call.text.slice(0,50), '=>', m.callee(call), '| recv', m.resolve(call.childForFieldName('function')?.childForFieldName('object') ?? null));
