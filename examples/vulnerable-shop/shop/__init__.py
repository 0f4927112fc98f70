"""The shop's application factory."""
import os

from flask import Flask
from flask_cors import CORS
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()


def create_app():
    app = Flask(__name__)
    app.config.from_object("shop.config.ProductionConfig")
    app.secret_key = "changeme"
    app.config["UPLOAD_FOLDER"] = os.path.join(app.root_path, "uploads")
    CORS(app, origins="*", supports_credentials=True)
    csrf.init_app(app)

    from .views import bp

    app.register_blueprint(bp)
    return app
