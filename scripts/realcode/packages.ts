/**
 * The real Flask code FlaskGuard is judged on: applications and Flask libraries that Debian
 * packages, each read back as the project it came from (sources, templates and the packaging
 * metadata that says whether it is an application or a library).
 */
export interface RealProject {
  /** A short name, used in reports and in the judged list. */
  name: string;
  /** The Debian packages whose files make up the project. */
  packages: readonly string[];
  kind: 'application' | 'library';
}

export const REAL_PROJECTS: readonly RealProject[] = [
  { name: 'searx', packages: ['python3-searx'], kind: 'application' },
  { name: 'klaus', packages: ['python3-klaus'], kind: 'application' },
  { name: 'supysonic', packages: ['supysonic'], kind: 'application' },
  { name: 'onionshare', packages: ['onionshare-cli'], kind: 'application' },
  { name: 'httpbin', packages: ['python3-httpbin'], kind: 'application' },
  { name: 'bepasty', packages: ['bepasty'], kind: 'application' },
  { name: 'lektor', packages: ['lektor'], kind: 'application' },
  { name: 'locust', packages: ['python3-locust'], kind: 'application' },
  { name: 'recon-ng', packages: ['recon-ng'], kind: 'application' },
  { name: 'comitup', packages: ['comitup'], kind: 'application' },
  { name: 'keystone', packages: ['python3-keystone'], kind: 'application' },
  { name: 'ironic-inspector', packages: ['python3-ironic-inspector'], kind: 'application' },
  { name: 'biomaj-daemon', packages: ['python3-biomaj3-daemon'], kind: 'application' },
  { name: 'mkchromecast', packages: ['mkchromecast'], kind: 'application' },
  { name: 'ceph-iscsi', packages: ['ceph-iscsi'], kind: 'application' },
  { name: 'flask', packages: ['python3-flask'], kind: 'library' },
  { name: 'flask-security', packages: ['python3-flask-security'], kind: 'library' },
  { name: 'flask-login', packages: ['python3-flask-login'], kind: 'library' },
  { name: 'flask-wtf', packages: ['python3-flaskext.wtf'], kind: 'library' },
  { name: 'flask-restful', packages: ['python3-flask-restful'], kind: 'library' },
  { name: 'flask-cors', packages: ['python3-flask-cors'], kind: 'library' },
  { name: 'flask-session', packages: ['python3-flask-session'], kind: 'library' },
  { name: 'flask-dance', packages: ['python3-flask-dance'], kind: 'library' },
  { name: 'flask-api', packages: ['python3-flask-api'], kind: 'library' },
  { name: 'flasgger', packages: ['python3-flasgger'], kind: 'library' },
  { name: 'flask-autoindex', packages: ['python3-flask-autoindex'], kind: 'library' },
  { name: 'flask-caching', packages: ['python3-flask-caching'], kind: 'library' },
  { name: 'flask-socketio', packages: ['python3-flask-socketio'], kind: 'library' },
  { name: 'flask-jwt-extended', packages: ['python3-python-flask-jwt-extended'], kind: 'library' },
  { name: 'flask-httpauth', packages: ['python3-flask-httpauth'], kind: 'library' },
  { name: 'flask-basicauth', packages: ['python3-flask-basicauth'], kind: 'library' },
  { name: 'flask-babel', packages: ['python3-flask-babel'], kind: 'library' },
];

export const ALL_PACKAGES: readonly string[] = REAL_PROJECTS.flatMap((p) => p.packages);
