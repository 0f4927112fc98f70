import os

from flask import Blueprint, current_app, make_response, redirect, render_template, render_template_string, request, send_file
from markupsafe import Markup

from . import csrf

bp = Blueprint("shop", __name__)
INVOICES = "/srv/shop/invoices"


@bp.route("/invoices/<path:name>")
def invoice(name):
    return send_file(os.path.join(INVOICES, name))


@bp.route("/hello")
def hello():
    name = request.args.get("name", "guest")
    return render_template_string("<h1>Hello " + name + "</h1>")


@bp.route("/profile")
def profile():
    bio = Markup(request.args.get("bio", ""))
    return render_template("profile.html", bio=bio)


@bp.route("/login", methods=["GET", "POST"])
def login():
    target = request.args.get("next", "/")
    response = make_response(redirect(target))
    response.set_cookie("session_token", request.form.get("token", ""))
    return response


@bp.route("/upload", methods=["POST"])
@csrf.exempt
def upload():
    document = request.files["document"]
    document.save(os.path.join(current_app.config["UPLOAD_FOLDER"], document.filename))
    return "stored"
