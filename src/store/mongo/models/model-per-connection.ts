import type { Connection } from 'mongoose';

/** Compiles a model once per connection (the app may hold several connections, e.g. in tests). */
export function modelPerConnection<M>(compile: (connection: Connection) => M): (connection: Connection) => M {
  const compiled = new WeakMap<Connection, M>();
  return (connection) => {
    let model = compiled.get(connection);
    if (model === undefined) {
      model = compile(connection);
      compiled.set(connection, model);
    }
    return model;
  };
}
