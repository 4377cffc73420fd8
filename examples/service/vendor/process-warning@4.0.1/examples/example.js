'use strict'

const { createWarning } = require('..')

const CUSTDEP001 = createWarning({
  name: 'DeprecationWarning',
  code: 'CUSTDEP001',
  message: 'This is a deprecation warning'
})

CUSTDEP001()
