import os


class BaseConfig:
    DEBUG = True
    SESSION_COOKIE_HTTPONLY = True
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite:///shop.db")


class ProductionConfig(BaseConfig):
    SESSION_COOKIE_SECURE = False
    WTF_CSRF_ENABLED = False
    JWT_SECRET_KEY = os.environ.get("JWT_SECRET_KEY", "dev-jwt-secret")


class DevelopmentConfig(BaseConfig):
    SECRET_KEY = "dev"
