/**
 * A synthetic but realistic Flask project for the benchmark: an app factory, config classes,
 * blueprints of views that read request data, models, forms, services and tests — about the mix
 * of a real application, with a few findings sprinkled in. Deterministic for a given size.
 */
import type { SourceFile } from '../src/core/files.js';

function viewModule(i: number): string {
  const routes: string[] = [];
  for (let r = 0; r < 14; r++) {
    const kind = (i + r) % 7;
    const name = `view_${i}_${r}`;
    if (kind === 0) {
      routes.push(`
@bp.route("/items/${r}/<int:item_id>", methods=["GET", "POST"])
@login_required
def ${name}(item_id):
    item = Item.query.get_or_404(item_id)
    form = ItemForm(obj=item)
    if form.validate_on_submit():
        form.populate_obj(item)
        db.session.commit()
        flash("Saved", "success")
        return redirect(url_for("items.${name}", item_id=item.id))
    page = request.args.get("page", 1, type=int)
    related = Item.query.filter(Item.category_id == item.category_id).paginate(page=page, per_page=20)
    return render_template("items/detail.html", item=item, form=form, related=related)
`);
    } else if (kind === 1) {
      routes.push(`
@bp.get("/api/items/${r}")
def ${name}():
    query = request.args.get("q", "").strip()
    limit = min(int(request.args.get("limit", 50)), 200)
    results = search_items(query, limit=limit)
    payload = [{"id": it.id, "name": it.name, "price": str(it.price)} for it in results]
    current_app.logger.info("search %s returned %d items", query, len(payload))
    return jsonify(items=payload, total=len(payload))
`);
    } else if (kind === 2) {
      routes.push(`
@bp.route("/downloads/${r}/<path:filename>")
def ${name}(filename):
    directory = os.path.join(current_app.root_path, "static", "downloads")
    return send_from_directory(directory, filename, as_attachment=True)
`);
    } else if (kind === 3) {
      routes.push(`
@bp.post("/upload/${r}")
def ${name}():
    upload = request.files.get("file")
    if upload is None or upload.filename == "":
        abort(400)
    filename = secure_filename(upload.filename)
    if not allowed_file(filename):
        abort(415)
    upload.save(os.path.join(current_app.config["UPLOAD_FOLDER"], filename))
    return redirect(url_for("items.index"))
`);
    } else if (kind === 4) {
      routes.push(`
@bp.route("/report/${r}")
def ${name}():
    start = parse_date(request.args.get("start"))
    end = parse_date(request.args.get("end"))
    rows = []
    for order in Order.query.filter(Order.created.between(start, end)).all():
        total = sum(line.quantity * line.unit_price for line in order.lines)
        if total > 0:
            rows.append({"order": order.number, "customer": order.customer.name, "total": total})
        elif order.status == "cancelled":
            continue
        else:
            current_app.logger.warning("empty order %s", order.number)
    rows.sort(key=lambda row: row["total"], reverse=True)
    return render_template("reports/orders.html", rows=rows, start=start, end=end)
`);
    } else if (kind === 5) {
      routes.push(`
@bp.route("/login/${r}", methods=["GET", "POST"])
def ${name}():
    form = LoginForm()
    if form.validate_on_submit():
        user = User.query.filter_by(email=form.email.data.lower()).first()
        if user and user.check_password(form.password.data):
            login_user(user, remember=form.remember.data)
            target = request.args.get("next")
            if not target or urlparse(target).netloc != "":
                target = url_for("main.index")
            return redirect(target)
        flash("Invalid credentials", "danger")
    return render_template("auth/login.html", form=form)
`);
    } else {
      routes.push(`
class ItemView${r}(MethodView):
    decorators = [login_required]

    def get(self, item_id):
        item = Item.query.get_or_404(item_id)
        return jsonify(id=item.id, name=item.name, tags=[t.name for t in item.tags])

    def delete(self, item_id):
        item = Item.query.get_or_404(item_id)
        db.session.delete(item)
        db.session.commit()
        return "", 204


bp.add_url_rule("/api/items/${r}/<int:item_id>", view_func=ItemView${r}.as_view("item_${i}_${r}"))
`);
    }
  }
  if (i % 10 === 9) routes.push(RISKY_ROUTES);
  return `"""Views of section ${i}."""
import os
from urllib.parse import urlparse

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, render_template_string, request, send_file, send_from_directory, url_for
from flask.views import MethodView
from flask_login import login_required, login_user
from werkzeug.utils import secure_filename

from ..extensions import db
from ..forms import ItemForm, LoginForm
from ..models import Item, Order, User
from ..services import allowed_file, parse_date, search_items

bp = Blueprint("section_${i}", __name__, url_prefix="/s${i}")
${routes.join('\n')}`;
}

/** What a review should catch: one block in every tenth view module. */
const RISKY_ROUTES = `
@bp.route("/greet")
def greet():
    name = request.args.get("name", "guest")
    return render_template_string(f"<h1>Hello {name}</h1>")


@bp.route("/go")
def go():
    return redirect(request.args.get("next", "/"))


@bp.route("/files/<path:name>")
def raw_file(name):
    return send_file(os.path.join("/srv/files", name))
`;

function modelModule(i: number): string {
  const classes: string[] = [];
  for (let c = 0; c < 8; c++) {
    classes.push(`
class Model${i}x${c}(db.Model):
    __tablename__ = "model_${i}_${c}"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(120), nullable=False, index=True)
    description = db.Column(db.Text, default="")
    price = db.Column(db.Numeric(10, 2), nullable=False, default=0)
    created = db.Column(db.DateTime, default=datetime.utcnow)
    owner_id = db.Column(db.Integer, db.ForeignKey("user.id"))

    def __repr__(self):
        return f"<Model${i}x${c} {self.id} {self.name!r}>"

    @property
    def display_price(self):
        return "{:.2f} EUR".format(self.price or 0)

    def to_dict(self):
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "price": str(self.price),
            "created": self.created.isoformat() if self.created else None,
        }
`);
  }
  return `"""Models, part ${i}."""
from datetime import datetime

from ..extensions import db
${classes.join('\n')}`;
}

function serviceModule(i: number): string {
  const fns: string[] = [];
  for (let f = 0; f < 20; f++) {
    fns.push(`
def compute_${i}_${f}(values, threshold=${f}):
    """Aggregate values above a threshold."""
    total = 0
    seen = set()
    for index, value in enumerate(values):
        if value in seen:
            continue
        seen.add(value)
        if value > threshold and index % 2 == 0:
            total += value * ${f + 1}
        elif value < 0:
            total -= abs(value)
        else:
            total += round(value / 2, 2)
    label = "batch-%d-%d" % (${i}, len(seen))
    return {"label": label, "total": total, "count": len(seen)}
`);
  }
  return `"""Business logic, part ${i}."""
import math
${fns.join('\n')}`;
}

const APP_INIT = `"""Application factory."""
import os

from flask import Flask

from .extensions import db, login_manager


def create_app(config_object="shop.config.ProductionConfig"):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(config_object)
    app.config.from_pyfile("settings.py", silent=True)
    db.init_app(app)
    login_manager.init_app(app)
    return app
`;

const CONFIG = `import os


class Config:
    SECRET_KEY = os.environ["SECRET_KEY"]
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite:///shop.db")
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    UPLOAD_FOLDER = "/srv/uploads"


class ProductionConfig(Config):
    DEBUG = False


class DevelopmentConfig(Config):
    DEBUG = True
`;

/** About `lines` lines of Python in a package `shop/`. */
export function generateProject(lines: number): SourceFile[] {
  const files: SourceFile[] = [
    { path: 'shop/__init__.py', content: APP_INIT },
    { path: 'shop/config.py', content: CONFIG },
    { path: 'run.py', content: 'from shop import create_app\n\napp = create_app()\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n' },
    { path: 'shop/extensions.py', content: 'from flask_login import LoginManager\nfrom flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\nlogin_manager = LoginManager()\n' },
  ];
  let total = files.reduce((n, f) => n + String(f.content).split('\n').length, 0);
  for (let i = 0; total < lines; i++) {
    const generated: SourceFile[] = [
      { path: `shop/views/section_${i}.py`, content: viewModule(i) },
      { path: `shop/models/part_${i}.py`, content: modelModule(i) },
      { path: `shop/services/part_${i}.py`, content: serviceModule(i) },
    ];
    for (const file of generated) {
      files.push(file);
      total += String(file.content).split('\n').length;
    }
  }
  return files;
}

/** `count` Python modules of the kinds above (views, models, services in turn), for a pull request that adds them. */
export function generateModules(count: number): SourceFile[] {
  const kinds = [viewModule, modelModule, serviceModule];
  return Array.from({ length: count }, (_, n) => {
    const i = Math.floor(n / 3);
    const kind = kinds[n % 3] as (i: number) => string;
    const dir = ['views/section', 'models/part', 'services/part'][n % 3] as string;
    return { path: `shop/${dir}_${i}.py`, content: kind(i) };
  });
}
