// Node 20 lacks Promise.withResolvers (Node 22+), which nock 15's interceptors (@mswjs/interceptors)
// call when a test intercepts fetch. FlaskGuard's own code does not use it; only tests need this.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
