#!/usr/bin/env node
require('../dist/gemma.cjs');
