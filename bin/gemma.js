#!/usr/bin/env node
import '../dist/gemma.js';
