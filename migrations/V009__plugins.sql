-- Installed plugins: the jar in <data-dir>/plugins, whether the admin wants it running, and why it last failed.
CREATE TABLE plugins (
  plugin_id      VARCHAR(40)   NOT NULL PRIMARY KEY,
  version        VARCHAR(60)   NOT NULL,
  jar_file       VARCHAR(200)  NOT NULL,
  enabled        BOOLEAN       NOT NULL,
  last_error     VARCHAR(2000) NULL,
  installed_at   DATETIME(6)   NOT NULL,
  updated_at     DATETIME(6)   NOT NULL
);

-- Bundled plugins already offered to this site: installed once, never forced back after an admin uninstalls one.
CREATE TABLE plugin_bundles (
  plugin_id      VARCHAR(40)   NOT NULL PRIMARY KEY,
  offered_at     DATETIME(6)   NOT NULL
);

-- Values admins set for plugins' typed settings (absent: the plugin's default).
CREATE TABLE plugin_settings (
  plugin_id      VARCHAR(40)   NOT NULL,
  setting_key    VARCHAR(60)   NOT NULL,
  setting_value  TEXT          NOT NULL,
  updated_at     DATETIME(6)   NOT NULL,
  PRIMARY KEY (plugin_id, setting_key)
);
