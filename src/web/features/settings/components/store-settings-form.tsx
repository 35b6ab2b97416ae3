import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import FormControl from '@mui/material/FormControl'
import FormControlLabel from '@mui/material/FormControlLabel'
import FormGroup from '@mui/material/FormGroup'
import FormHelperText from '@mui/material/FormHelperText'
import FormLabel from '@mui/material/FormLabel'
import Radio from '@mui/material/Radio'
import RadioGroup from '@mui/material/RadioGroup'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { type FormEvent, useState } from 'react'

import type {
  PosChoice,
  SaveStoreSettingsBody,
  StoreSettings,
  StoreSettingsSaved,
} from '../../../../contracts/api'
import { isApiError } from '../../../lib/api-client'
import { useSaveStoreSettings } from '../api/settings-queries'

type Draft = {
  onlineOutletId: string
  stockMode: 'all' | 'some'
  stockOutletIds: string[]
  ecomPaymentTypeId: string
}

function draftOf(settings: StoreSettings): Draft {
  const { ids } = settings.stockOutlets

  return {
    onlineOutletId: settings.onlineOutlet.id ?? '',
    stockMode: ids === 'all' ? 'all' : 'some',
    stockOutletIds: ids === 'all' ? settings.outlets.map((o) => o.id) : ids,
    ecomPaymentTypeId: settings.ecomPaymentType.id ?? '',
  }
}

function bodyOf(draft: Draft): SaveStoreSettingsBody {
  return {
    onlineOutletId: draft.onlineOutletId || null,
    stockOutletIds: draft.stockMode === 'all' ? 'all' : draft.stockOutletIds,
    ecomPaymentTypeId: draft.ecomPaymentTypeId || null,
  }
}

function sameDraft(a: Draft, b: Draft) {
  return JSON.stringify(bodyOf(a)) === JSON.stringify(bodyOf(b))
}

/** Says where a value comes from when the store has not chosen it itself. */
function sourceNote(source: 'store' | 'app', what: string) {
  return source === 'app' ? ` Not chosen yet: ${what}.` : ''
}

function savedText(saved: StoreSettingsSaved) {
  if (saved.recounting === 0) return 'Settings saved.'

  const products =
    saved.recounting === 1 ? '1 linked product' : `${saved.recounting} linked products`

  return `Settings saved. eCom stock is being counted again for ${products}, at the pace the two systems allow.`
}

type ChoiceSelectProps = {
  id: string
  label: string
  value: string
  choices: PosChoice[]
  helperText: string
  problem: string | null
  onChange: (value: string) => void
}

function ChoiceSelect({
  id,
  label,
  value,
  choices,
  helperText,
  problem,
  onChange,
}: ChoiceSelectProps) {
  return (
    <TextField
      id={id}
      select
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={problem !== null}
      helperText={problem ?? helperText}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      sx={{ maxWidth: 480 }}
    >
      {value === '' && (
        <option value="" disabled>
          Choose…
        </option>
      )}
      {choices.map((choice) => (
        <option key={choice.id} value={choice.id}>
          {choice.name}
        </option>
      ))}
    </TextField>
  )
}

export type StoreSettingsFormProps = { settings: StoreSettings }

/**
 * Where the store's Retail POS stock and eCom sales go, chosen among its own outlets and payment
 * types. Saved whole; a value the store has not chosen shows the app's default and says so.
 */
export function StoreSettingsForm({ settings }: StoreSettingsFormProps) {
  const initial = draftOf(settings)
  const [draft, setDraft] = useState(initial)
  const [saved, setSaved] = useState<StoreSettingsSaved | null>(null)
  const save = useSaveStoreSettings()
  const noStockOutlet = draft.stockMode === 'some' && draft.stockOutletIds.length === 0
  const isChanged = !sameDraft(draft, initial) || settings.updatedAt === null
  const isStockChanged =
    JSON.stringify(bodyOf(draft).stockOutletIds) !== JSON.stringify(bodyOf(initial).stockOutletIds)
  const change = (patch: Partial<Draft>) => {
    setSaved(null)
    save.reset()
    setDraft((current) => ({ ...current, ...patch }))
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (noStockOutlet) return
    save.mutate(bodyOf(draft), {
      onSuccess: (answer) => {
        setDraft(draftOf(answer.settings))
        setSaved(answer)
      },
    })
  }

  const toggleOutlet = (id: string, checked: boolean) =>
    change({
      stockOutletIds: checked
        ? [...draft.stockOutletIds, id]
        : draft.stockOutletIds.filter((other) => other !== id),
    })

  return (
    <Box component="form" onSubmit={submit} noValidate aria-label="Store settings">
      <Stack spacing={3.5}>
        <ChoiceSelect
          id="online-outlet"
          label="Outlet that serves the online store"
          value={draft.onlineOutletId}
          choices={settings.outlets}
          problem={settings.onlineOutlet.problem}
          helperText={
            'eCom orders are recorded as sales at a register of this outlet and take their stock ' +
            'from it; products uploaded from eCom get their stock here.' +
            sourceNote(settings.onlineOutlet.source, 'the app uses its default outlet')
          }
          onChange={(onlineOutletId) => change({ onlineOutletId })}
        />

        <FormControl error={noStockOutlet || settings.stockOutlets.problem !== null}>
          <FormLabel id="stock-outlets-label">Stock for sale online</FormLabel>
          <RadioGroup
            aria-labelledby="stock-outlets-label"
            value={draft.stockMode}
            onChange={(event) => change({ stockMode: event.target.value as Draft['stockMode'] })}
          >
            <FormControlLabel
              value="all"
              control={<Radio />}
              label="Every outlet, also ones added later"
            />
            <FormControlLabel value="some" control={<Radio />} label="Only these outlets" />
          </RadioGroup>
          <FormGroup aria-label="Outlets whose stock eCom sells" sx={{ pl: 4 }}>
            {settings.outlets.map((outlet) => (
              <FormControlLabel
                key={outlet.id}
                label={outlet.name}
                disabled={draft.stockMode === 'all'}
                control={
                  <Checkbox
                    checked={draft.stockMode === 'all' || draft.stockOutletIds.includes(outlet.id)}
                    onChange={(event) => toggleOutlet(outlet.id, event.target.checked)}
                  />
                }
              />
            ))}
          </FormGroup>
          <FormHelperText>
            {settings.stockOutlets.problem !== null && !isStockChanged
              ? settings.stockOutlets.problem
              : noStockOutlet
                ? 'Tick at least one outlet: with none, eCom would show every product out of stock.'
                : (settings.stockOutlets.problem ??
                  'eCom shows the units on hand at these outlets, added up. Saving a change counts ' +
                    'the stock of every linked product again.' +
                    sourceNote(settings.stockOutlets.source, 'the app’s default applies'))}
          </FormHelperText>
        </FormControl>

        <ChoiceSelect
          id="ecom-payment-type"
          label="Payment type of eCom sales"
          value={draft.ecomPaymentTypeId}
          choices={settings.paymentTypes}
          problem={settings.ecomPaymentType.problem}
          helperText={
            'Sales recorded for eCom orders are paid with it, and their returns refunded ' +
            'through it.' +
            sourceNote(
              settings.ecomPaymentType.source,
              'the app picks one named like “eCom”, “Online” or “Other”',
            )
          }
          onChange={(ecomPaymentTypeId) => change({ ecomPaymentTypeId })}
        />

        {save.isError && (
          <Alert severity="error">
            {isApiError(save.error) ? save.error.message : 'The settings could not be saved.'}
          </Alert>
        )}
        {saved && (
          <Alert severity="success" role="status">
            {savedText(saved)}
          </Alert>
        )}
        <Box>
          <Button
            type="submit"
            variant="contained"
            disabled={!isChanged || noStockOutlet || save.isPending}
          >
            {save.isPending ? 'Saving…' : 'Save settings'}
          </Button>
        </Box>
      </Stack>
    </Box>
  )
}
