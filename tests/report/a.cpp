#include "shared.h"

Config *Global;

void keep(Config *c) { Global = c; }

int useConfig() {
  auto c = std::make_unique<Config>();
  keep(c.get());
  return c->level;
}

int localPoint() {
  Point *p = new Point{1, 2};
  int s = p->x + p->y;
  delete p;
  return s;
}
