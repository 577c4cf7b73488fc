-- The sandbox's phones hear from two simulated networks: the SMPP message centre and the GOV.UK Notify simulator.
-- Each hands its own receipts and replies back to Handover (deliver_sm or HTTP callbacks).
alter table sandbox_sms add column network varchar(8) default 'smpp' not null;
